using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Subscriptions.Data.Migrations
{
    /// <inheritdoc />
    public partial class EndpointFilterIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_endpoints_body_ids",
                table: "endpoints",
                column: "body_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_endpoints_event_types",
                table: "endpoints",
                column: "event_types")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_endpoints_body_ids",
                table: "endpoints");

            migrationBuilder.DropIndex(
                name: "ix_endpoints_event_types",
                table: "endpoints");
        }
    }
}
