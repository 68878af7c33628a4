using System;
using Concordat.Audit;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Scrutiny.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    roles = table.Column<string[]>(type: "text[]", nullable: false),
                    organisation = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    auth_method = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    operation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    trace_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    correlation_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    record_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    record_id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_occurred_at_id",
                table: "audit_entries",
                columns: new[] { "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_record_type_record_id_occurred_at",
                table: "audit_entries",
                columns: new[] { "record_type", "record_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_subject_occurred_at",
                table: "audit_entries",
                columns: new[] { "subject", "occurred_at" });

            migrationBuilder.MakeAuditTrailAppendOnly();
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropAuditTrailAppendOnly();

            migrationBuilder.DropTable(
                name: "audit_entries");
        }
    }
}
