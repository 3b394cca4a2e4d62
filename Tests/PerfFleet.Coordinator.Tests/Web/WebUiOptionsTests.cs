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
    public async Task Start_WithShortReadOnlyToken_FailsWithoutPrintingTheToken()
    {
        // The web UI hosted on its own checks the read-only tokens as the coordinator does.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebUiHost.StartAsync(
            fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?> { ["PerfFleet:Security:ReadOnlyTokens:0"] = "hunter2" }));

        Assert.Contains("PerfFleet:Security:ReadOnlyTokens:0 is shorter than 16 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithEmptyReadOnlyTokenEntry_HasNoReaderAndACookieSignedWithNothingOpensNothing()
    {
        // What an unset deployment variable gives; a session signed with the empty key must not pass.
        await using var host = await WebUiHost.StartAsync(fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?>
        {
            ["PerfFleet:Web:RequireLogin"] = "true",
            ["PerfFleet:Security:AdminTokens:0"] = WebUiFixture.AdminToken,
            ["PerfFleet:Security:ReadOnlyTokens:0"] = "",
        });
        var expiry = fixture.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = expiry + "." + System.Buffers.Text.Base64Url.EncodeToString(
            System.Security.Cryptography.HMACSHA256.HashData(Array.Empty<byte>(), System.Text.Encoding.UTF8.GetBytes("perffleet-web-session-read:" + expiry)));
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs");
        request.Headers.Add("Cookie", "perffleet_session=" + forged);

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithPageSizeOutOfRange_Fails()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebUiHost.StartAsync(
            fixture.ConnectionString, fixture.Clock, new Dictionary<string, string?> { ["PerfFleet:Web:PageSize"] = "0" }));

        Assert.Contains("PageSize", error.Message, StringComparison.Ordinal);
    }
}
