using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Scrutiny.Data.Migrations
{
    /// <inheritdoc />
    public partial class InformationRequestsAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "information_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    regime = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sent_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    answer = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_chased_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_information_requests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    addressee_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    addressee_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    published = table.Column<bool>(type: "boolean", nullable: false),
                    response_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    reasons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    responded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last_chased_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    actions = table.Column<string>(type: "jsonb", nullable: true),
                    progress = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    findings = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    regime = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_on = table.Column<DateOnly>(type: "date", nullable: true),
                    published_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reports", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_information_requests_committee_body_id",
                table: "information_requests",
                column: "committee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_information_requests_created_at_id",
                table: "information_requests",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_information_requests_due_on",
                table: "information_requests",
                column: "due_on",
                filter: "answered_at IS NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_information_requests_organisation_id",
                table: "information_requests",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_information_requests_updated_at_id",
                table: "information_requests",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_addressee_body_id",
                table: "recommendations",
                column: "addressee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_addressee_organisation_id",
                table: "recommendations",
                column: "addressee_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_created_at_id",
                table: "recommendations",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_report_id_number",
                table: "recommendations",
                columns: new[] { "report_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_response_due_on",
                table: "recommendations",
                column: "response_due_on",
                filter: "published AND responded_at IS NULL AND removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_updated_at_id",
                table: "recommendations",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_reports_committee_body_id",
                table: "reports",
                column: "committee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_reports_created_at_id",
                table: "reports",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reports_updated_at_id",
                table: "reports",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "information_requests");

            migrationBuilder.DropTable(
                name: "recommendations");

            migrationBuilder.DropTable(
                name: "reports");
        }
    }
}
