using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleIssues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "body_type",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "issues",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    areas = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    raised_by_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    raised_by_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    parent_issue_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issues", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    person_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_known = table.Column<bool>(type: "boolean", nullable: false),
                    removed = table.Column<bool>(type: "boolean", nullable: false),
                    started = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "timeline",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    to_stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    from_holders = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    to_holders = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: true),
                    bodies = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "issue_holders",
                columns: table => new
                {
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issue_holders", x => new { x.issue_id, x.body_id });
                    table.ForeignKey(
                        name: "fk_issue_holders_issues_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    referred_by_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    synthesised_by_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    selection = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    made_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    made_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    synthesis = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    synthesised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_referrals_issues_issue_id",
                        column: x => x.issue_id,
                        principalTable: "issues",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "referral_recipients",
                columns: table => new
                {
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    issue_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    real_problem_in_area = table.Column<bool>(type: "boolean", nullable: true),
                    proposes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    last_reminded_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_recipients", x => new { x.referral_id, x.body_id });
                    table.ForeignKey(
                        name: "fk_referral_recipients_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_issue_holders_body_id_stage",
                table: "issue_holders",
                columns: new[] { "body_id", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_issues_areas",
                table: "issues",
                column: "areas")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_issues_created_at_id",
                table: "issues",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_issues_kind",
                table: "issues",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_issues_parent_issue_id",
                table: "issues",
                column: "parent_issue_id");

            migrationBuilder.CreateIndex(
                name: "ix_issues_stage",
                table: "issues",
                column: "stage");

            migrationBuilder.CreateIndex(
                name: "ix_issues_themes",
                table: "issues",
                column: "themes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_issues_updated_at_id",
                table: "issues",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_body_id",
                table: "memberships",
                column: "body_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_person_subject_body_id",
                table: "memberships",
                columns: new[] { "person_subject", "body_id" });

            migrationBuilder.CreateIndex(
                name: "ix_referral_recipients_body_id_due_on",
                table: "referral_recipients",
                columns: new[] { "body_id", "due_on" },
                filter: "answered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_referral_recipients_due_on",
                table: "referral_recipients",
                column: "due_on",
                filter: "answered_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_issue_id_made_at",
                table: "referrals",
                columns: new[] { "issue_id", "made_at" });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_issue_id_at_id",
                table: "timeline",
                columns: new[] { "issue_id", "at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "issue_holders");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "referral_recipients");

            migrationBuilder.DropTable(
                name: "timeline");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "issues");

            migrationBuilder.DropColumn(
                name: "body_type",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "bodies");
        }
    }
}
