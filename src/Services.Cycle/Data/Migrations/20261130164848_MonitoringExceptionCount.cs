using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringExceptionCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "exception_count",
                table: "monitoring_reports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Reports issued before the column: count the exceptions their snapshots list.
            migrationBuilder.Sql("UPDATE monitoring_reports SET exception_count = COALESCE(jsonb_array_length(snapshot -> 'exceptions'), 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "exception_count",
                table: "monitoring_reports");
        }
    }
}
