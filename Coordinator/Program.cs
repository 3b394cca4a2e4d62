using PerfFleet.Coordinator.Hosting;

// A PerfFleet coordinator: admin and fleet gRPC APIs, GitHub webhooks, the web UI, and — while it
// holds the leadership lock — the scheduler and the report outbox. See docs/configuration.md.
var builder = WebApplication.CreateBuilder(args);
builder.AddPerfFleetCoordinator();

var app = builder.Build();
app.MapPerfFleetCoordinator();
app.Run();

/// <summary>Entry point marker for WebApplicationFactory in tests.</summary>
public partial class Program;
