using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleDeliveryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_delivery_actions_plan_id_exceptions",
                table: "delivery_actions",
                column: "plan_id",
                filter: "removed_at IS NULL AND status NOT IN ('Done', 'Dropped') AND (status = 'OffTrack' OR COALESCE(override_rag, rag) = 'Red')");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_body_id_created_at_id",
                table: "decisions",
                columns: new[] { "body_id", "created_at", "id" },
                filter: "published_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_actions_plan_id_exceptions",
                table: "delivery_actions");

            migrationBuilder.DropIndex(
                name: "ix_decisions_body_id_created_at_id",
                table: "decisions");
        }
    }
}
