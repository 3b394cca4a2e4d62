using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LeadershipLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "leader_process_id",
                table: "leadership",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "renewed_at",
                table: "leadership",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.UpdateData(
                table: "leadership",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "leader_process_id", "renewed_at" },
                values: new object[] { null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "leader_process_id",
                table: "leadership");

            migrationBuilder.DropColumn(
                name: "renewed_at",
                table: "leadership");
        }
    }
}
