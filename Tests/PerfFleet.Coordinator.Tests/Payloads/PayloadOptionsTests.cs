using Microsoft.Extensions.Options;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Payloads;

/// <summary>A payload limit out of range stops the coordinator at start, naming its key.</summary>
public sealed class PayloadOptionsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Theory]
    [InlineData("PerfFleet:Payloads:MaxFileBytes", "0")]
    [InlineData("PerfFleet:Payloads:MaxFileBytes", "1073741824")]
    [InlineData("PerfFleet:Payloads:MaxRepositoryBytes", "-1")]
    [InlineData("PerfFleet:Payloads:ChunkBytes", "16")]
    public async Task Start_LimitOutOfRange_FailsNamingTheKey(string key, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CoordinatorTestHost.StartAsync(
            database.ConnectionString, new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }
}
