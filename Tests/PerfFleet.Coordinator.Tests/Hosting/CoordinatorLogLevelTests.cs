using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Coordinator.Hosting;

namespace PerfFleet.Coordinator.Tests.Hosting;

public sealed class CoordinatorLogLevelTests : IDisposable
{
    private readonly DirectoryInfo elsewhere = Directory.CreateTempSubdirectory("perffleet-elsewhere-");

    [Fact]
    public async Task AddPerfFleetCoordinator_StartedFromAnotherDirectory_LogsAtTheShippedLevels()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = elsewhere.FullName });
        builder.AddPerfFleetCoordinator();
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information), "a request per heartbeat");
        Assert.False(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("PerfFleet.Coordinator.Scheduling.SchedulerService").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task AddPerfFleetCoordinator_LevelInConfiguration_OverridesTheShippedOne()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = elsewhere.FullName,
            Args = ["--Logging:LogLevel:Microsoft.AspNetCore=Information"],
        });
        builder.AddPerfFleetCoordinator();
        await using var app = builder.Build();

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    public void Dispose() => elsewhere.Delete(recursive: true);
}
