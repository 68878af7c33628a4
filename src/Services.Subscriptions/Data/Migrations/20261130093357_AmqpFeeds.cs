using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Concordat.Subscriptions.Data.Migrations
{
    /// <inheritdoc />
    public partial class AmqpFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "feed_published_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            // Events heard before feeds existed are not news to a feed created now.
            migrationBuilder.Sql("UPDATE events SET feed_published_at = received_at;");

            migrationBuilder.CreateTable(
                name: "amqp_feeds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    event_types = table.Column<List<string>>(type: "text[]", nullable: false),
                    body_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    area_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    themes = table.Column<List<string>>(type: "text[]", nullable: false),
                    queue = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    user_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    protected_password = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    password_rotated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_amqp_feeds", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_events_received_at",
                table: "events",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_events_received_at1",
                table: "events",
                column: "received_at",
                filter: "feed_published_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_amqp_feeds_organisation_id",
                table: "amqp_feeds",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "amqp_feeds");

            migrationBuilder.DropIndex(
                name: "ix_events_received_at",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_events_received_at1",
                table: "events");

            migrationBuilder.DropColumn(
                name: "feed_published_at",
                table: "events");
        }
    }
}
