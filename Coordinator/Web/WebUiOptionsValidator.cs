using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.Security;

namespace PerfFleet.Coordinator.Web;

/// <summary>Refuses a start where nobody could ever log in, or where a token is trivially guessable.</summary>
internal sealed class WebUiOptionsValidator : IValidateOptions<WebUiOptions>
{
    public ValidateOptionsResult Validate(string? name, WebUiOptions options)
    {
        var failures = new List<string>();
        if (options.RequireLogin && options.AdminTokens.Count == 0 && options.ReadOnlyTokens.Count == 0)
        {
            failures.Add($"{WebUiOptions.SectionName}:RequireLogin is true but {WebUiOptions.AdminTokensSection} and {WebUiOptions.ReadOnlyTokensSection} are empty: nobody could log in.");
        }

        for (var i = 0; i < options.AdminTokens.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.AdminTokens[i]) || options.AdminTokens[i].Length < SecurityOptionsValidator.MinimumTokenLength)
            {
                // The token itself is never written into the message: it is a secret.
                failures.Add($"{WebUiOptions.AdminTokensSection}:{i} is shorter than {SecurityOptionsValidator.MinimumTokenLength} characters.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
