using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class ForwardPlanByMeeting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_proposals_body_id_meeting_starts_at",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "ix_proposals_meeting_starts_at",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_body_id_meeting_starts_at_id",
                table: "proposals",
                columns: new[] { "body_id", "meeting_starts_at", "id" },
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_meeting_starts_at_id",
                table: "proposals",
                columns: new[] { "meeting_starts_at", "id" },
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_proposals_body_id_meeting_starts_at_id",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "ix_proposals_meeting_starts_at_id",
                table: "proposals");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_body_id_meeting_starts_at",
                table: "proposals",
                columns: new[] { "body_id", "meeting_starts_at" },
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_proposals_meeting_starts_at",
                table: "proposals",
                column: "meeting_starts_at",
                filter: "meeting_id IS NOT NULL AND removed_at IS NULL");
        }
    }
}
