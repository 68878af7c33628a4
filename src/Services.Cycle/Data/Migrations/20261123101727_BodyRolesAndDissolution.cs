using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class BodyRolesAndDissolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "described_at",
                table: "bodies",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_on",
                table: "bodies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "roles",
                table: "bodies",
                type: "text[]",
                nullable: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "described_at",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "dissolved_on",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "roles",
                table: "bodies");
        }
    }
}
