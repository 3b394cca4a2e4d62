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

    public const string ReadOnlyTokensKey = SecurityOptions.Section + ":ReadOnlyTokens";

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.ReadOnlyTokens.Count; i++)
        {
            var token = options.ReadOnlyTokens[i];
            if (string.IsNullOrWhiteSpace(token) || token.Length < MinimumTokenLength)
            {
                failures.Add($"{ReadOnlyTokensKey}:{i} is shorter than {MinimumTokenLength} characters.");
            }
            else if (TokenComparer.MatchesAny(token, options.AdminTokens))
            {
                failures.Add($"{ReadOnlyTokensKey}:{i} is also an admin token: a token is either read-only or admin.");
            }
            else if (TokenComparer.Matches(token, options.FleetToken))
            {
                failures.Add($"{ReadOnlyTokensKey}:{i} is also the fleet token: give readers a token of their own.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
