using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace PerfFleet.ServiceDefaults.Telemetry;

/// <summary>
/// The log levels coordinators and workers ship with. They live in the binary, not in an
/// <c>appsettings.json</c> beside it: that file is read from the content root (the current
/// directory), so a host started from anywhere else lost them and logged every heartbeat's
/// request at information. Added as the first configuration source, so appsettings files,
/// <c>PERFFLEET_CONFIG</c>, <c>Logging__LogLevel__*</c> variables and arguments still override them.
/// </summary>
public static class ShippedLogLevels
{
    public static IReadOnlyDictionary<string, string?> Levels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",

        // One line per request and per routing decision: every heartbeat and report would be logged.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    public static void AddTo(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
    }
}
