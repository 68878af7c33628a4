using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Registry.Data.Migrations
{
    /// <inheritdoc />
    public partial class RegistryModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "coverage",
                table: "bodies",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "dissolved_on",
                table: "bodies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "removed_at",
                table: "bodies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "roles",
                table: "bodies",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "scope",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "supporting_organisation_id",
                table: "bodies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "terms_of_reference",
                table: "bodies",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "terms_of_reference_url",
                table: "bodies",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "terms_review_due",
                table: "bodies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "tier",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "type",
                table: "bodies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "bodies",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Bodies registered before the full model: describe them as the thin path did (strategic, thematic, county, active).
            migrationBuilder.Sql("UPDATE bodies SET type = 'Strategic', scope = 'Thematic', tier = 'County', status = 'Active', updated_at = registered_at WHERE status = ''");

            migrationBuilder.CreateTable(
                name: "agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    desired_outcomes = table.Column<List<string>>(type: "text[]", nullable: false),
                    binding = table.Column<bool>(type: "boolean", nullable: false),
                    review_date = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    parties = table.Column<string>(type: "jsonb", nullable: true),
                    signatories = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreements", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "body_relationships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    to_body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_body_relationships", x => x.id);
                    table.ForeignKey(
                        name: "fk_body_relationships_bodies_from_body_id",
                        column: x => x.from_body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_body_relationships_bodies_to_body_id",
                        column: x => x.to_body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    short_name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    duty_to_cooperate = table.Column<bool>(type: "boolean", nullable: false),
                    website = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    elected = table.Column<bool>(type: "boolean", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    affiliations = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seats",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    voting = table.Column<bool>(type: "boolean", nullable: false),
                    holder = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    chair = table.Column<bool>(type: "boolean", nullable: false),
                    represents = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    one_per_represented = table.Column<bool>(type: "boolean", nullable: false),
                    substitutes_allowed = table.Column<bool>(type: "boolean", nullable: false),
                    substitute_rule = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_seats", x => x.id);
                    table.ForeignKey(
                        name: "fk_seats_bodies_body_id",
                        column: x => x.body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    body_id = table.Column<Guid>(type: "uuid", nullable: false),
                    seat_id = table.Column<Guid>(type: "uuid", nullable: true),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    on_behalf_of_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    on_behalf_of_body_id = table.Column<Guid>(type: "uuid", nullable: true),
                    role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    voting = table.Column<bool>(type: "boolean", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_memberships_bodies_body_id",
                        column: x => x.body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_bodies_on_behalf_of_body_id",
                        column: x => x.on_behalf_of_body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_organisations_on_behalf_of_organisation_id",
                        column: x => x.on_behalf_of_organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_memberships_seats_seat_id",
                        column: x => x.seat_id,
                        principalTable: "seats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bodies_updated_at_id",
                table: "bodies",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_agreements_updated_at_id",
                table: "agreements",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_body_relationships_from_body_id_kind_to_body_id",
                table: "body_relationships",
                columns: new[] { "from_body_id", "kind", "to_body_id" },
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_body_relationships_to_body_id",
                table: "body_relationships",
                column: "to_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_body_relationships_updated_at_id",
                table: "body_relationships",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_body_id_starts_on",
                table: "memberships",
                columns: new[] { "body_id", "starts_on" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_on_behalf_of_body_id",
                table: "memberships",
                column: "on_behalf_of_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_on_behalf_of_organisation_id",
                table: "memberships",
                column: "on_behalf_of_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_person_id",
                table: "memberships",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_seat_id",
                table: "memberships",
                column: "seat_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_updated_at_id",
                table: "memberships",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_updated_at_id",
                table: "organisations",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_people_updated_at_id",
                table: "people",
                columns: new[] { "updated_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_seats_body_id",
                table: "seats",
                column: "body_id");

            migrationBuilder.CreateIndex(
                name: "ix_seats_updated_at_id",
                table: "seats",
                columns: new[] { "updated_at", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agreements");

            migrationBuilder.DropTable(
                name: "body_relationships");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "seats");

            migrationBuilder.DropIndex(
                name: "ix_bodies_updated_at_id",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "coverage",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "dissolved_on",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "roles",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "scope",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "status",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "supporting_organisation_id",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "terms_of_reference",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "terms_of_reference_url",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "terms_review_due",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "tier",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "type",
                table: "bodies");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "bodies");
        }
    }
}
