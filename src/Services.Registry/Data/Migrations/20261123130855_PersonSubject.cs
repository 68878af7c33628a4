using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Registry.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "people",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_subject",
                table: "people",
                column: "subject",
                unique: true,
                filter: "subject IS NOT NULL AND removed_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_subject",
                table: "people");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "people");
        }
    }
}
