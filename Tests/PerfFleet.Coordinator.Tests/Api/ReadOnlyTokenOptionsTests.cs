using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Security;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>A coordinator refuses to start with a read-only token that would grant more than reading, or is guessable; an empty entry means none.</summary>
public sealed class ReadOnlyTokenOptionsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    public static TheoryData<string, string> BadReadOnlyTokens => new()
    {
        { "hunter2", "PerfFleet:Security:ReadOnlyTokens:0 is shorter than 16 characters." },
        { "   ", "PerfFleet:Security:ReadOnlyTokens:0 is shorter than 16 characters." },
        { CoordinatorTestHost.AdminToken, "PerfFleet:Security:ReadOnlyTokens:0 is also an admin token: a token is either read-only or admin." },
        { CoordinatorTestHost.FleetToken, "PerfFleet:Security:ReadOnlyTokens:0 is also the fleet token: give readers a token of their own." },
    };

    [Theory]
    [MemberData(nameof(BadReadOnlyTokens))]
    public async Task Start_BadReadOnlyToken_FailsNamingTheKeyNotTheToken(string token, string expected)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CoordinatorTestHost.StartAsync(
            database.ConnectionString, new Dictionary<string, string?> { ["PerfFleet:Security:ReadOnlyTokens:0"] = token }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        if (token.Trim().Length > 0)
        {
            Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_EmptyReadOnlyTokenEntry_StartsWithNoReaderAndAdminsStillServed()
    {
        // What a deployment file passes for an unset variable (compose.yml's PERFFLEET_READONLY_TOKEN).
        await using var host = await CoordinatorTestHost.StartAsync(
            database.ConnectionString, new Dictionary<string, string?> { ["PerfFleet:Security:ReadOnlyTokens:0"] = string.Empty });

        Assert.Empty(host.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.ReadOnlyTokens);
        await host.LoadTests.ListAsync(new ListTestsRequest(), CoordinatorTestHost.Admin);
    }
}
