using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// The JWT a GitHub App signs to ask for installation tokens: RS256 with the App's private key,
/// <c>iss</c> = App id, <c>iat</c> 60 s in the past (GitHub's advice against clock drift),
/// <c>exp</c> 9 minutes ahead (GitHub refuses more than 10).
/// </summary>
public sealed class GitHubAppJwtFactory : IDisposable
{
    private readonly long? _appId;
    private readonly RSA? _key;
    private readonly TimeProvider _timeProvider;

    public GitHubAppJwtFactory(IOptions<GitHubOptions> options, TimeProvider timeProvider)
    {
        var value = options.Value;
        _timeProvider = timeProvider;
        _appId = value.AppId;
        var pem = value.AppPrivateKeyPem ?? (value.AppPrivateKeyPath is { } path ? File.ReadAllText(path) : null);
        if (_appId is not null && pem is not null)
        {
            _key = RSA.Create();
            _key.ImportFromPem(pem);
        }
    }

    public bool IsConfigured => _key is not null;

    public string CreateToken()
    {
        if (_key is null || _appId is null)
        {
            throw new InvalidOperationException("GitHub App auth needs PerfFleet:GitHub:AppId and PerfFleet:GitHub:AppPrivateKeyPem (or AppPrivateKeyPath)");
        }

        var now = _timeProvider.GetUtcNow();
        var credentials = new SigningCredentials(new RsaSecurityKey(_key), SecurityAlgorithms.RsaSha256);
        var payload = new JwtPayload
        {
            { JwtRegisteredClaimNames.Iat, now.AddSeconds(-60).ToUnixTimeSeconds() },
            { JwtRegisteredClaimNames.Exp, now.AddMinutes(9).ToUnixTimeSeconds() },
            { JwtRegisteredClaimNames.Iss, _appId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(new JwtHeader(credentials), payload));
    }

    public void Dispose() => _key?.Dispose();
}
