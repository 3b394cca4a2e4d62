using System.Security.Cryptography;
using System.Text;

namespace PerfFleet.Coordinator.Security;

/// <summary>Constant-time token checks, so response timing does not reveal how much of a token matched.</summary>
public static class TokenComparer
{
    public static bool Matches(string? presented, string? expected)
    {
        if (string.IsNullOrEmpty(presented) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hash both sides first: FixedTimeEquals is constant-time only for equal lengths.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    public static bool MatchesAny(string? presented, IEnumerable<string> expected)
    {
        var match = false;
        foreach (var token in expected)
        {
            // No early exit: every configured token is compared.
            match |= Matches(presented, token);
        }

        return match;
    }

    /// <summary>The token of an <c>authorization: Bearer &lt;token&gt;</c> header, or null.</summary>
    public static string? FromAuthorizationHeader(string? header)
    {
        const string prefix = "Bearer ";
        return header is not null && header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}
