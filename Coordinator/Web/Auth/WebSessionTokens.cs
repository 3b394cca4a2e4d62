using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>
/// Checks admin tokens and issues the session cookie's value. The cookie is
/// "expiry.HMAC-SHA256(admin token, expiry)": every coordinator that knows the admin tokens
/// can verify it (no shared key ring, no session table), it expires by itself, and it does
/// not reveal the token. All comparisons are constant-time.
/// </summary>
internal sealed class WebSessionTokens(IOptions<WebUiOptions> options, TimeProvider timeProvider)
{
    public const string CookieName = "perffleet_session";

    private const string Purpose = "perffleet-web-session:";

    public bool IsAdminToken(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the length either.
        var candidateHash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        var match = false;
        foreach (var token in options.Value.AdminTokens)
        {
            match |= CryptographicOperations.FixedTimeEquals(candidateHash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        }

        return match;
    }

    /// <summary>The cookie value for a session opened now with <paramref name="adminToken"/>.</summary>
    public (string Value, DateTimeOffset Expires) Issue(string adminToken)
    {
        var expires = timeProvider.GetUtcNow().AddMinutes(options.Value.SessionMinutes);
        var expiry = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return ($"{expiry}.{Sign(adminToken, expiry)}", expires);
    }

    public bool IsValidSession(string? cookieValue)
    {
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 200)
        {
            return false;
        }

        var dot = cookieValue.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(cookieValue.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            return false;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(expirySeconds, 253402300799)) <= timeProvider.GetUtcNow())
        {
            return false;
        }

        var expiry = cookieValue[..dot];
        var presented = Encoding.ASCII.GetBytes(cookieValue[(dot + 1)..]);
        var match = false;
        foreach (var token in options.Value.AdminTokens)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, Encoding.ASCII.GetBytes(Sign(token, expiry)));
        }

        return match;
    }

    private static string Sign(string adminToken, string expiry)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(adminToken), Encoding.UTF8.GetBytes(Purpose + expiry));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
