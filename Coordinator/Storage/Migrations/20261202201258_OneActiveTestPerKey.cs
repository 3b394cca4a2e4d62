using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class OneActiveTestPerKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Duplicates made before the index existed would stop it being built: the later ones of
            // each key become re-runs of the oldest (rerun_of), which the index leaves out. Nothing
            // is stopped or lost.
            migrationBuilder.Sql("""
                UPDATE load_tests t SET rerun_of = d.first
                FROM (
                    SELECT id, first_value(id) OVER (PARTITION BY repository, scenario, commit, kind, pull_request ORDER BY created_at, id) AS first
                    FROM load_tests
                    WHERE status IN ('scheduled', 'assigned', 'running', 'collecting') AND repository IS NOT NULL AND rerun_of IS NULL AND follow_up_of IS NULL
                ) d
                WHERE t.id = d.id AND d.first <> d.id
                """);

            migrationBuilder.CreateIndex(
                name: "ux_load_tests_one_active",
                table: "load_tests",
                columns: new[] { "repository", "scenario", "commit", "kind", "pull_request" },
                unique: true,
                filter: "status IN ('scheduled', 'assigned', 'running', 'collecting') AND repository IS NOT NULL AND rerun_of IS NULL AND follow_up_of IS NULL")
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_load_tests_one_active",
                table: "load_tests");
        }
    }
}
