using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Scrutiny.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bodies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    instance_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    short_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    body_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    roles = table.Column<List<string>>(type: "text[]", nullable: false),
                    dissolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    described_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bodies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    person_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_known = table.Column<bool>(type: "boolean", nullable: false),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    started = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_body_id",
                table: "memberships",
                column: "body_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_person_subject_body_id",
                table: "memberships",
                columns: new[] { "person_subject", "body_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bodies");

            migrationBuilder.DropTable(
                name: "memberships");
        }
    }
}
