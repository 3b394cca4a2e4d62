using System.Text;
using PerfFleet.Samples.SampleService.Api;
using PerfFleet.Samples.SampleService.Metrics;

var builder = WebApplication.CreateBuilder(args);

// The port comes from --urls / ASPNETCORE_URLS, else from the PerfFleet stack's allocated port.
var sutPort = builder.Configuration["PERFFLEET_PORT_SUT"];
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !string.IsNullOrEmpty(sutPort))
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{sutPort}");
}

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<RequestDurationHistogram>();
builder.Services.AddProblemDetails();
var app = builder.Build();

var delays = SampleDelays.From(app.Configuration);
app.UseMiddleware<RequestTimingMiddleware>();
app.MapSampleApi(delays, app.Services.GetRequiredService<TimeProvider>());
app.MapGet("/metrics", (RequestDurationHistogram histogram) =>
{
    var text = new StringBuilder();
    histogram.WriteTo(text);
    return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
});

app.Run();
