using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Scrutiny.Data.Migrations
{
    /// <inheritdoc />
    public partial class CallIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "call_ins",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    called_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    called_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    resolution_reasons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_call_ins", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "published_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    urgent = table.Column<bool>(type: "boolean", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    call_in_ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    took_effect_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_decisions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_call_ins_committee_body_id",
                table: "call_ins",
                column: "committee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_ins_created_at_id",
                table: "call_ins",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_call_ins_decision_id",
                table: "call_ins",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_call_ins_updated_at_id",
                table: "call_ins",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_call_ins_open_per_decision",
                table: "call_ins",
                column: "decision_id",
                unique: true,
                filter: "resolved_at IS NULL AND removed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "call_ins");

            migrationBuilder.DropTable(
                name: "published_decisions");
        }
    }
}
