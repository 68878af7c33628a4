using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Cycle.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimelineRelatedIssue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "related_issue_id",
                table: "timeline",
                type: "uuid",
                nullable: true);

            // Follow-up entries written before the column named the other issue at the end of their note.
            migrationBuilder.Sql("""
                UPDATE timeline
                SET related_issue_id = substring(note from '\(issue ([0-9a-f-]{36})\)$')::uuid,
                    note = regexp_replace(note, ' \(issue [0-9a-f-]{36}\)$', '')
                WHERE kind = 'FollowUpRaised' AND note ~ '\(issue [0-9a-f-]{36}\)$';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "related_issue_id",
                table: "timeline");
        }
    }
}
