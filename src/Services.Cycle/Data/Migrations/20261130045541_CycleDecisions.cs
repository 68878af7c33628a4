using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "decision_id",
                table: "timeline",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    conditions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    meeting = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    meeting_on = table.Column<DateOnly>(type: "date", nullable: true),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    urgency_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    areas = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    call_in_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    referred_back_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    took_effect_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    allocations = table.Column<string>(type: "jsonb", nullable: true),
                    call_ins = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_areas",
                table: "decisions",
                column: "areas")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_body_id_published_at",
                table: "decisions",
                columns: new[] { "body_id", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_call_in_ends_at",
                table: "decisions",
                column: "call_in_ends_at",
                filter: "published_at IS NOT NULL AND took_effect_at IS NULL AND referred_back_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_created_at_id",
                table: "decisions",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_issue_id",
                table: "decisions",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_published_at",
                table: "decisions",
                column: "published_at");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_themes",
                table: "decisions",
                column: "themes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_updated_at_id",
                table: "decisions",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropColumn(
                name: "decision_id",
                table: "timeline");
        }
    }
}
