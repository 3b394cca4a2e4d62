using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class UnreachableWorkers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "unreachable_reason",
                table: "workers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "unreachable_strikes",
                table: "workers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unreachable_until",
                table: "workers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "unreachable_reason",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "unreachable_strikes",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "unreachable_until",
                table: "workers");
        }
    }
}
