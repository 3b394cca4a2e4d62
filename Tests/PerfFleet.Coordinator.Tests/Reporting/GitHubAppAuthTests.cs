using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PerfFleet.Coordinator.Reporting;

namespace PerfFleet.Coordinator.Tests.Reporting;

public sealed class GitHubAppAuthTests : IAsyncLifetime
{
    private readonly RSA _key = RSA.Create(2048);
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
        });
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
        var client = _services.GetRequiredService<GitHubRestClient>();

        await client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), 77, CancellationToken.None);
        await client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Success, "perffleet/api", "ok", null), 77, CancellationToken.None);

        var requests = _gitHub.Requests;
        Assert.Equal(["/app/installations/77/access_tokens", $"/repos/octo/app/statuses/{Samples.Sha}", $"/repos/octo/app/statuses/{Samples.Sha}"], requests.Select(r => r.PathAndQuery));
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer ghs_installation_token", r.Authorization));

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
        var client = _services.GetRequiredService<GitHubRestClient>();

        await client.CreateCommitStatusAsync("octo/app", Samples.Sha, new CommitStatus(CommitState.Pending, "perffleet/api", "scheduled", null), null, CancellationToken.None);

        Assert.Equal(["/repos/octo/app/installation", "/app/installations/4242/access_tokens", $"/repos/octo/app/statuses/{Samples.Sha}"], _gitHub.Requests.Select(r => r.PathAndQuery));
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
