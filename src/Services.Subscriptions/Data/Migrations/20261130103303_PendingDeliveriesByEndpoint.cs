using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Subscriptions.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendingDeliveriesByEndpoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_deliveries_endpoint_id_next_attempt_at",
                table: "deliveries",
                columns: new[] { "endpoint_id", "next_attempt_at" },
                filter: "state = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_endpoint_id_next_attempt_at",
                table: "deliveries");
        }
    }
}
