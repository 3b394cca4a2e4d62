using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Security;

/// <summary>
/// Refuses read-only tokens that are guessable or that are also an admin or the fleet token: such
/// a token would quietly grant more than reading. Messages name the key, never the token.
/// </summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    /// <summary>The shortest admin or read-only token accepted (admin tokens are checked with the web UI's options).</summary>
    public const int MinimumTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ReadOnlyTokens.Count; i++)
        {
            var token = options.ReadOnlyTokens[i];
            if (IsTooShort(token))
            {
                failures.Add(TooShortMessage(SecurityOptions.ReadOnlyTokensKey, i));
            }
            else if (TokenComparer.MatchesAny(token, options.AdminTokens))
            {
                failures.Add($"{SecurityOptions.ReadOnlyTokensKey}:{i} is also an admin token: a token is either read-only or admin.");
            }
            else if (TokenComparer.Matches(token, options.FleetToken))
            {
                failures.Add($"{SecurityOptions.ReadOnlyTokensKey}:{i} is also the fleet token: give readers a token of their own.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A token that is blank or shorter than <see cref="MinimumTokenLength"/>: guessable.</summary>
    public static bool IsTooShort(string? token) => string.IsNullOrWhiteSpace(token) || token.Length < MinimumTokenLength;

    /// <summary>Names the key and index, never the token: it is a secret.</summary>
    public static string TooShortMessage(string key, int index) => $"{key}:{index} is shorter than {MinimumTokenLength} characters.";
}
