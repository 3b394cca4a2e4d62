using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PayloadStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "requests",
                table: "load_tests",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payload_blobs",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payload_blobs", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "payloads",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    repository = table.Column<string>(type: "text", nullable: false),
                    sha256 = table.Column<string>(type: "text", nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payloads", x => x.name);
                    table.ForeignKey(
                        name: "FK_payloads_payload_blobs_sha256",
                        column: x => x.sha256,
                        principalTable: "payload_blobs",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payload_uses",
                columns: table => new
                {
                    payload_name = table.Column<string>(type: "text", nullable: false),
                    test_id = table.Column<Guid>(type: "uuid", nullable: false),
                    downloaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payload_uses", x => new { x.payload_name, x.test_id });
                    table.ForeignKey(
                        name: "FK_payload_uses_load_tests_test_id",
                        column: x => x.test_id,
                        principalTable: "load_tests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_payload_uses_payloads_payload_name",
                        column: x => x.payload_name,
                        principalTable: "payloads",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payload_uses_test_id",
                table: "payload_uses",
                column: "test_id");

            migrationBuilder.CreateIndex(
                name: "IX_payloads_sha256",
                table: "payloads",
                column: "sha256");

            migrationBuilder.CreateIndex(
                name: "ix_payloads_repository",
                table: "payloads",
                column: "repository");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payload_uses");

            migrationBuilder.DropTable(
                name: "payloads");

            migrationBuilder.DropTable(
                name: "payload_blobs");

            migrationBuilder.DropColumn(
                name: "requests",
                table: "load_tests");
        }
    }
}
