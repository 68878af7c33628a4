using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleDeliveryRollUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_plans_lead_body_id",
                table: "delivery_plans");

            migrationBuilder.AddColumn<Guid>(
                name: "authorised_by_body_id",
                table: "delivery_plans",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Plans started before the column existed take it from their decision.
            migrationBuilder.Sql("UPDATE delivery_plans p SET authorised_by_body_id = d.body_id FROM decisions d WHERE d.id = p.decision_id;");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_authorised_by_body_id_created_at_id",
                table: "delivery_plans",
                columns: new[] { "authorised_by_body_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_lead_body_id_created_at_id",
                table: "delivery_plans",
                columns: new[] { "lead_body_id", "created_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_delivery_plans_authorised_by_body_id_created_at_id",
                table: "delivery_plans");

            migrationBuilder.DropIndex(
                name: "ix_delivery_plans_lead_body_id_created_at_id",
                table: "delivery_plans");

            migrationBuilder.DropColumn(
                name: "authorised_by_body_id",
                table: "delivery_plans");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_lead_body_id",
                table: "delivery_plans",
                column: "lead_body_id");
        }
    }
}
