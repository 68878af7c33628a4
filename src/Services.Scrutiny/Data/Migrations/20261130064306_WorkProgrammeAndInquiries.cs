using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Concordat.Scrutiny.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkProgrammeAndInquiries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duplication_warnings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    other_committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    other_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    other_item_id = table.Column<Guid>(type: "uuid", nullable: false),
                    other_item_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    shared_themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    shared_areas = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    shared_words = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplication_warnings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inquiries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic_id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    terms_of_reference = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    areas = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "title", "terms_of_reference" }),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    evidence = table.Column<string>(type: "jsonb", nullable: true),
                    sessions = table.Column<string>(type: "jsonb", nullable: true),
                    timeline = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inquiries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "topics",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    committee_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    areas = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    bodies_in_scope = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    organisations_in_scope = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "title", "description" }),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_topics", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_duplication_warnings_committee_body_id_raised_at",
                table: "duplication_warnings",
                columns: new[] { "committee_body_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_duplication_warnings_other_committee_body_id_raised_at",
                table: "duplication_warnings",
                columns: new[] { "other_committee_body_id", "raised_at" });

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_areas",
                table: "inquiries",
                column: "areas")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_committee_body_id",
                table: "inquiries",
                column: "committee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_created_at_id",
                table: "inquiries",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_search_vector",
                table: "inquiries",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_themes",
                table: "inquiries",
                column: "themes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_topic_id",
                table: "inquiries",
                column: "topic_id");

            migrationBuilder.CreateIndex(
                name: "ix_inquiries_updated_at_id",
                table: "inquiries",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_topics_areas",
                table: "topics",
                column: "areas")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_topics_committee_body_id",
                table: "topics",
                column: "committee_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_topics_created_at_id",
                table: "topics",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_topics_search_vector",
                table: "topics",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_topics_themes",
                table: "topics",
                column: "themes")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_topics_updated_at_id",
                table: "topics",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplication_warnings");

            migrationBuilder.DropTable(
                name: "inquiries");

            migrationBuilder.DropTable(
                name: "topics");
        }
    }
}
