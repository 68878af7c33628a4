using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delivery_actions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    owner_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rag = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    rag_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    override_rag = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    override_reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    override_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    progress = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "delivery_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    decision_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contributing_organisations = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    contributing_bodies = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    started_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    allocations = table.Column<string>(type: "jsonb", nullable: true),
                    indicators = table.Column<string>(type: "jsonb", nullable: true),
                    milestones = table.Column<string>(type: "jsonb", nullable: true),
                    risks = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_delivery_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plan_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    as_at = table.Column<DateOnly>(type: "date", nullable: false),
                    summary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    snapshot = table.Column<string>(type: "jsonb", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_reports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_actions_created_at_id",
                table: "delivery_actions",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_actions_owner_organisation_id_due_on_id",
                table: "delivery_actions",
                columns: new[] { "owner_organisation_id", "due_on", "id" },
                filter: "removed_at IS NULL AND status NOT IN ('Done', 'Dropped')");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_actions_plan_id_created_at_id",
                table: "delivery_actions",
                columns: new[] { "plan_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_actions_updated_at_id",
                table: "delivery_actions",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_created_at_id",
                table: "delivery_plans",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_decision_id",
                table: "delivery_plans",
                column: "decision_id",
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_issue_id",
                table: "delivery_plans",
                column: "issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_lead_body_id",
                table: "delivery_plans",
                column: "lead_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_delivery_plans_updated_at_id",
                table: "delivery_plans",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_reports_created_at_id",
                table: "monitoring_reports",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_reports_plan_id_created_at_id",
                table: "monitoring_reports",
                columns: new[] { "plan_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_reports_updated_at_id",
                table: "monitoring_reports",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delivery_actions");

            migrationBuilder.DropTable(
                name: "delivery_plans");

            migrationBuilder.DropTable(
                name: "monitoring_reports");
        }
    }
}
