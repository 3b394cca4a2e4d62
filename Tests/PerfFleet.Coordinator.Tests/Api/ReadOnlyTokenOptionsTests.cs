using Microsoft.Extensions.Options;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Postgres;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>A coordinator refuses to start with a read-only token that would grant more than reading, or is guessable.</summary>
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
}
