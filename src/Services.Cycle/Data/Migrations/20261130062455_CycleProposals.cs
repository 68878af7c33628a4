using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleProposals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "meeting_id",
                table: "decisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "proposal_id",
                table: "decisions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "requested_resources",
                table: "decisions",
                type: "jsonb",
                nullable: true);

            // Decisions taken before proposals requested nothing: an empty list, not a missing one.
            migrationBuilder.Sql("UPDATE decisions SET requested_resources = '[]'::jsonb WHERE requested_resources IS NULL;");

            migrationBuilder.CreateTable(
                name: "proposals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    proposed_by_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    summary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: true),
                    meeting_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    agenda_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    public_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    requested_resources = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_decisions_proposal_id",
                table: "decisions",
                column: "proposal_id",
                filter: "proposal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_body_id_meeting_starts_at",
                table: "proposals",
                columns: new[] { "body_id", "meeting_starts_at" },
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_created_at_id",
                table: "proposals",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_issue_id",
                table: "proposals",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_meeting_starts_at",
                table: "proposals",
                column: "meeting_starts_at",
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_updated_at_id",
                table: "proposals",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "proposals");

            migrationBuilder.DropIndex(
                name: "ix_decisions_proposal_id",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "meeting_id",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "proposal_id",
                table: "decisions");

            migrationBuilder.DropColumn(
                name: "requested_resources",
                table: "decisions");
        }
    }
}
