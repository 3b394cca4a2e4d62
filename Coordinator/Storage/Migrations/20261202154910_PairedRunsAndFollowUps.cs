using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class PairedRunsAndFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "repetitions",
                table: "test_results",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "baseline_commit",
                table: "load_tests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "follow_up",
                table: "load_tests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "follow_up_of",
                table: "load_tests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pairs",
                table: "load_tests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "pinned_baseline",
                table: "load_tests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_load_tests_follow_up_of",
                table: "load_tests",
                column: "follow_up_of");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_load_tests_follow_up_of",
                table: "load_tests");

            migrationBuilder.DropColumn(
                name: "repetitions",
                table: "test_results");

            migrationBuilder.DropColumn(
                name: "baseline_commit",
                table: "load_tests");

            migrationBuilder.DropColumn(
                name: "follow_up",
                table: "load_tests");

            migrationBuilder.DropColumn(
                name: "follow_up_of",
                table: "load_tests");

            migrationBuilder.DropColumn(
                name: "pairs",
                table: "load_tests");

            migrationBuilder.DropColumn(
                name: "pinned_baseline",
                table: "load_tests");
        }
    }
}
