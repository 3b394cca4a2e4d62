using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>
/// The anti-forgery token of the admin forms, tied to the session: HMAC-SHA256 keyed with the
/// session cookie's value. A page from this coordinator carries it in a hidden field; another
/// site can neither read the HttpOnly cookie nor our page, so it cannot compute or copy the
/// token, and a token taken from another session does not match. Like the cookie itself it
/// needs no key ring or server-side state, so any coordinator checks it.
/// </summary>
internal static class SessionFormTokens
{
    public const string FieldName = "form_token";

    private const string Purpose = "perffleet-web-form:v1";

    /// <summary>The token for the session whose cookie value is <paramref name="sessionCookie"/>.</summary>
    public static string For(string sessionCookie)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(sessionCookie), Encoding.UTF8.GetBytes(Purpose));
        return Base64Url.EncodeToString(mac);
    }

    /// <summary>Constant-time check of a posted token against the session's.</summary>
    public static bool Matches(string sessionCookie, string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 100)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(sessionCookie)), Encoding.ASCII.GetBytes(presented));
    }

    /// <summary>
    /// False when the browser says the request came from another origin: Sec-Fetch-Site
    /// (sent by current browsers) or, failing that, Origin compared with this request's host.
    /// Defence in depth beside the token and the SameSite=Strict cookie.
    /// </summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
        {
            return fetchSite is "same-origin" or "none";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true; // old browsers and non-browser clients send none: the token decides
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var parsed)
            && string.Equals(parsed.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(parsed.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
