using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Registry.Data.Migrations
{
    /// <inheritdoc />
    public partial class ListAndSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "ix_seats_created_at_id",
                table: "seats",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_people_created_at_id",
                table: "people",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_people_name",
                table: "people",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_created_at_id",
                table: "organisations",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_organisations_name",
                table: "organisations",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_created_at_id",
                table: "memberships",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_body_relationships_created_at_id",
                table: "body_relationships",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bodies_created_at_id",
                table: "bodies",
                columns: new[] { "registered_at", "id" },
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bodies_name",
                table: "bodies",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_bodies_roles",
                table: "bodies",
                column: "roles")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_bodies_short_name",
                table: "bodies",
                column: "short_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_agreements_created_at_id",
                table: "agreements",
                columns: new[] { "created_at", "id" },
                filter: "removed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_seats_created_at_id",
                table: "seats");

            migrationBuilder.DropIndex(
                name: "ix_people_created_at_id",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_name",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_organisations_created_at_id",
                table: "organisations");

            migrationBuilder.DropIndex(
                name: "ix_organisations_name",
                table: "organisations");

            migrationBuilder.DropIndex(
                name: "ix_memberships_created_at_id",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "ix_body_relationships_created_at_id",
                table: "body_relationships");

            migrationBuilder.DropIndex(
                name: "ix_bodies_created_at_id",
                table: "bodies");

            migrationBuilder.DropIndex(
                name: "ix_bodies_name",
                table: "bodies");

            migrationBuilder.DropIndex(
                name: "ix_bodies_roles",
                table: "bodies");

            migrationBuilder.DropIndex(
                name: "ix_bodies_short_name",
                table: "bodies");

            migrationBuilder.DropIndex(
                name: "ix_agreements_created_at_id",
                table: "agreements");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
