using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PerfFleet.Coordinator.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "leadership",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    epoch = table.Column<long>(type: "bigint", nullable: false),
                    leader_address = table.Column<string>(type: "text", nullable: true),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leadership", x => x.id);
                    table.CheckConstraint("ck_leadership_singleton", "id = 1");
                });

            migrationBuilder.CreateTable(
                name: "load_tests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    repository = table.Column<string>(type: "text", nullable: true),
                    clone_url = table.Column<string>(type: "text", nullable: false),
                    commit = table.Column<string>(type: "text", nullable: false),
                    branch = table.Column<string>(type: "text", nullable: true),
                    pull_request = table.Column<int>(type: "integer", nullable: true),
                    scenario = table.Column<string>(type: "text", nullable: true),
                    inline_spec = table.Column<string>(type: "text", nullable: true),
                    rate = table.Column<double>(type: "double precision", nullable: true),
                    duration = table.Column<TimeSpan>(type: "interval", nullable: true),
                    status = table.Column<string>(type: "text", nullable: false),
                    status_reason = table.Column<string>(type: "text", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: false),
                    tag = table.Column<string>(type: "text", nullable: true),
                    assigned_worker = table.Column<string>(type: "text", nullable: true),
                    epoch = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rerun_of = table.Column<Guid>(type: "uuid", nullable: true),
                    progress_phase = table.Column<string>(type: "text", nullable: true),
                    progress_elapsed = table.Column<TimeSpan>(type: "interval", nullable: true),
                    progress_achieved_rate = table.Column<double>(type: "double precision", nullable: true),
                    verdict = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_load_tests", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    test_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payload = table.Column<string>(type: "jsonb", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "repositories",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    clone_url = table.Column<string>(type: "text", nullable: false),
                    default_branch = table.Column<string>(type: "text", nullable: false),
                    scenarios = table.Column<List<string>>(type: "text[]", nullable: false),
                    webhook_secret = table.Column<string>(type: "text", nullable: true),
                    github_token = table.Column<string>(type: "text", nullable: true),
                    run_drafts = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repositories", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    delivery_id = table.Column<string>(type: "text", nullable: false),
                    @event = table.Column<string>(name: "event", type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: true),
                    repository = table.Column<string>(type: "text", nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "workers",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    capacity_concurrent_tests = table.Column<int>(type: "integer", nullable: false),
                    capacity_request_rate = table.Column<double>(type: "double precision", nullable: false),
                    capacity_cores = table.Column<double>(type: "double precision", nullable: false),
                    used_concurrent_tests = table.Column<int>(type: "integer", nullable: false),
                    used_request_rate = table.Column<double>(type: "double precision", nullable: false),
                    used_cores = table.Column<double>(type: "double precision", nullable: false),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    last_heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    highest_epoch_seen = table.Column<long>(type: "bigint", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "comparisons",
                columns: table => new
                {
                    test_id = table.Column<Guid>(type: "uuid", nullable: false),
                    baseline_test_id = table.Column<Guid>(type: "uuid", nullable: true),
                    verdict = table.Column<string>(type: "text", nullable: false),
                    metrics = table.Column<byte[]>(type: "bytea", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comparisons", x => x.test_id);
                    table.ForeignKey(
                        name: "FK_comparisons_load_tests_test_id",
                        column: x => x.test_id,
                        principalTable: "load_tests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "test_results",
                columns: table => new
                {
                    test_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    worker_id = table.Column<string>(type: "text", nullable: false),
                    load_summary = table.Column<byte[]>(type: "bytea", nullable: true),
                    query_results = table.Column<byte[]>(type: "bytea", nullable: false),
                    resource_series = table.Column<byte[]>(type: "bytea", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_test_results", x => x.test_id);
                    table.ForeignKey(
                        name: "FK_test_results_load_tests_test_id",
                        column: x => x.test_id,
                        principalTable: "load_tests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "test_state_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    test_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    reason = table.Column<string>(type: "text", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_test_state_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_test_state_events_load_tests_test_id",
                        column: x => x.test_id,
                        principalTable: "load_tests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "leadership",
                columns: new[] { "id", "epoch", "leader_address", "since" },
                values: new object[] { 1, 0L, null, null });

            migrationBuilder.CreateIndex(
                name: "ix_comparisons_baseline",
                table: "comparisons",
                column: "baseline_test_id");

            migrationBuilder.CreateIndex(
                name: "ix_load_tests_assigned_worker",
                table: "load_tests",
                column: "assigned_worker");

            migrationBuilder.CreateIndex(
                name: "ix_load_tests_baseline",
                table: "load_tests",
                columns: new[] { "repository", "scenario", "kind", "finished_at" });

            migrationBuilder.CreateIndex(
                name: "ix_load_tests_pick",
                table: "load_tests",
                columns: new[] { "status", "priority", "created_at" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "ix_report_outbox_due",
                table: "report_outbox",
                column: "next_attempt_at",
                filter: "done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_test_state_events_test",
                table: "test_state_events",
                columns: new[] { "test_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ux_webhook_deliveries_delivery_id",
                table: "webhook_deliveries",
                column: "delivery_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workers_last_heartbeat",
                table: "workers",
                column: "last_heartbeat_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comparisons");

            migrationBuilder.DropTable(
                name: "leadership");

            migrationBuilder.DropTable(
                name: "report_outbox");

            migrationBuilder.DropTable(
                name: "repositories");

            migrationBuilder.DropTable(
                name: "test_results");

            migrationBuilder.DropTable(
                name: "test_state_events");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropTable(
                name: "load_tests");
        }
    }
}
