using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using PerfFleet.Coordinator.Reporting;
using PerfFleet.Testing.Waiting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class GitHubAppAuthTests : IAsyncLifetime
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly FakeTimeProvider _time = new(ReportingTestServices.Start);
    private RecordingGitHubServer _gitHub = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _gitHub = await RecordingGitHubServer.StartAsync();
        _services = ReportingTestServices.Create(_gitHub, new Dictionary<string, string?>
        {
            ["PerfFleet:GitHub:Token"] = null,
            ["PerfFleet:GitHub:AppId"] = "12345",
            ["PerfFleet:GitHub:AppPrivateKeyPem"] = _key.ExportRSAPrivateKeyPem(),
        }, _time);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _gitHub.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task CreateCommitStatusAsync_AsApp_ExchangesValidRs256JwtForInstallationTokenOnce()
    {
        await GitHubApiTests.SendStatusAsync(_services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), 77);
        await GitHubApiTests.SendStatusAsync(_services, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), 77);

        var requests = _gitHub.Requests;
        Assert.Equal(["/app/installations/77/access_tokens", $"/repos/octo/app/statuses/{Samples.Sha}", $"/repos/octo/app/statuses/{Samples.Sha}"], requests.Select(r => r.PathAndQuery));
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer ghs_installation_token", r.Authorization));
        Assert.All(requests, r => Assert.Equal(GitHubApiVersionHandler.Version, r.ApiVersion));

        var jwt = requests[0].Authorization!["Bearer ".Length..];
        var validation = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(_key.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = "12345",
            ValidateAudience = false,
            ValidateLifetime = false, // the clock is manual: the claims are checked below
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        new JwtSecurityTokenHandler().ValidateToken(jwt, validation, out var validated);
        var token = (JwtSecurityToken)validated;
        Assert.Equal("RS256", token.Header.Alg);
        Assert.Equal(ReportingTestServices.Start.AddSeconds(-60).ToUnixTimeSeconds(), long.Parse(token.Claims.Single(c => c.Type == "iat").Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ReportingTestServices.Start.AddMinutes(9).ToUnixTimeSeconds(), long.Parse(token.Claims.Single(c => c.Type == "exp").Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task CreateCommitStatusAsync_AsAppWithoutInstallationId_DiscoversInstallation()
    {
        await GitHubApiTests.SendStatusAsync(_services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null));

        Assert.Equal(["/repos/octo/app/installation", "/app/installations/4242/access_tokens", $"/repos/octo/app/statuses/{Samples.Sha}"], _gitHub.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task SendStatus_InstallationTokenRefusedOnce_RetriedLikeTheCall()
    {
        _gitHub.FailNext("POST", "/app/installations/", 502);

        await FakeClock.AdvanceUntilDoneAsync(_time, GitHubApiTests.SendStatusAsync(_services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), 77), TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(1));

        Assert.Equal(["/app/installations/77/access_tokens", "/app/installations/77/access_tokens", $"/repos/octo/app/statuses/{Samples.Sha}"], _gitHub.Requests.Select(r => r.PathAndQuery));
        Assert.Equal("Bearer ghs_installation_token", _gitHub.Requests[^1].Authorization);
    }

    [Fact]
    public async Task SendStatus_AppNotInstalledOnRepository_PermanentNotFoundNamingTheInstallationCall()
    {
        _gitHub.FailNext("POST", "/app/installations/", 404, message: "Not Found");

        var error = await Assert.ThrowsAsync<GitHubApiException>(() =>
            GitHubApiTests.SendStatusAsync(_services, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), 404404));

        Assert.Single(_gitHub.Requests);
        Assert.False(error.IsTransient);
        Assert.Contains("installation token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateToken_ForgedWithOtherKey_FailsValidation()
    {
        using var other = RSA.Create(2048);
        var jwt = _services.GetRequiredService<GitHubAppJwtFactory>().CreateToken();
        var validation = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(other.ExportParameters(false)),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        };

        Assert.ThrowsAny<SecurityTokenException>(() => new JwtSecurityTokenHandler().ValidateToken(jwt, validation, out _));
    }
}
