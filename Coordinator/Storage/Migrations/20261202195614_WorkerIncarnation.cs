using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class WorkerIncarnation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "incarnation",
                table: "workers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "started_at",
                table: "workers",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "incarnation",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "started_at",
                table: "workers");
        }
    }
}
