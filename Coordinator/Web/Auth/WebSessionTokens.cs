using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Security;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>
/// Checks login tokens and issues the session cookie's value. The cookie is
/// "expiry.HMAC-SHA256(token, purpose + expiry)": every coordinator that knows the tokens can
/// verify it (no shared key ring, no session table), it expires by itself, and it does not reveal
/// the token. The purpose differs for admin and read-only sessions, so the signature itself says
/// which one a cookie is. All comparisons are constant-time.
/// </summary>
internal sealed class WebSessionTokens(IOptions<WebUiOptions> options, TimeProvider timeProvider)
{
    public const string CookieName = "perffleet_session";

    private const string AdminPurpose = "perffleet-web-session:";

    private const string ReaderPurpose = "perffleet-web-session-read:";

    /// <summary>What <paramref name="candidate"/> allows when offered at login.</summary>
    public WebSessionRole RoleOfToken(string? candidate)
    {
        // Both lists are always compared, so the time taken says nothing about the kind.
        var admin = TokenComparer.MatchesAny(candidate, options.Value.AdminTokens);
        var reader = TokenComparer.MatchesAny(candidate, options.Value.ReadOnlyTokens);
        return admin ? WebSessionRole.Admin : reader ? WebSessionRole.Reader : WebSessionRole.None;
    }

    /// <summary>The cookie value for a session opened now with <paramref name="token"/>, whose role is <paramref name="role"/>.</summary>
    public (string Value, DateTimeOffset Expires) Issue(string token, WebSessionRole role)
    {
        if (role == WebSessionRole.None)
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "a session needs a role");
        }

        var expires = timeProvider.GetUtcNow().AddMinutes(options.Value.SessionMinutes);
        var expiry = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return ($"{expiry}.{Sign(token, PurposeOf(role), expiry)}", expires);
    }

    /// <summary>
    /// The role of the request's session cookie, worked out once per request: the login filter,
    /// the page frame, the run page's buttons and the form filter all ask.
    /// </summary>
    public WebSessionRole RoleOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(WebSessionRole), out var known) && known is WebSessionRole role)
        {
            return role;
        }

        role = RoleOfSession(context.Request.Cookies[CookieName]);
        context.Items[typeof(WebSessionRole)] = role;
        return role;
    }

    /// <summary>What the session whose cookie value is <paramref name="cookieValue"/> allows; <see cref="WebSessionRole.None"/> when forged, expired or malformed.</summary>
    private WebSessionRole RoleOfSession(string? cookieValue)
    {
        if (string.IsNullOrEmpty(cookieValue) || cookieValue.Length > 200)
        {
            return WebSessionRole.None;
        }

        var dot = cookieValue.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(cookieValue.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            return WebSessionRole.None;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(Math.Min(expirySeconds, 253402300799)) <= timeProvider.GetUtcNow())
        {
            return WebSessionRole.None;
        }

        var expiry = cookieValue[..dot];
        var presented = cookieValue[(dot + 1)..];
        var admin = TokenComparer.MatchesAny(presented, Signatures(options.Value.AdminTokens, AdminPurpose, expiry));
        var reader = TokenComparer.MatchesAny(presented, Signatures(options.Value.ReadOnlyTokens, ReaderPurpose, expiry));
        return admin ? WebSessionRole.Admin : reader ? WebSessionRole.Reader : WebSessionRole.None;
    }

    // An empty token is no token: a signature keyed with it would be one anybody can make.
    private static IEnumerable<string> Signatures(IEnumerable<string> tokens, string purpose, string expiry) =>
        tokens.Where(token => !string.IsNullOrEmpty(token)).Select(token => Sign(token, purpose, expiry));

    private static string PurposeOf(WebSessionRole role) => role == WebSessionRole.Admin ? AdminPurpose : ReaderPurpose;

    private static string Sign(string token, string purpose, string expiry)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(purpose + expiry));
        return Base64Url.EncodeToString(mac);
    }
}
