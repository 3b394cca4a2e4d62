using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Tests.Web.Support;

namespace PerfFleet.Coordinator.Tests.Web;

/// <summary>A coordinator refuses to start with web UI settings under which nobody could log in.</summary>
[Collection(WebUiCollection.Name)]
public sealed class WebUiOptionsTests(WebUiFixture fixture)
{
    [Fact]
    public async Task Start_RequireLoginWithoutAnyToken_FailsNamingTheSettings()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebUiHost.StartAsync(
            fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?> { ["PerfFleet:Web:RequireLogin"] = "true" }));

        Assert.Contains("PerfFleet:Security:AdminTokens and PerfFleet:Security:ReadOnlyTokens are empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithShortAdminToken_FailsWithoutPrintingTheToken()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebUiHost.StartAsync(
            fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?> { ["PerfFleet:Security:AdminTokens:0"] = "hunter2" }));

        Assert.Contains("PerfFleet:Security:AdminTokens:0 is shorter than 16 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithPageSizeOutOfRange_Fails()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebUiHost.StartAsync(
            fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?> { ["PerfFleet:Web:PageSize"] = "0" }));

        Assert.Contains("PageSize", error.Message, StringComparison.Ordinal);
    }
}
