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

        // Both lists: the web UI can be hosted without the coordinator, whose own options check
        // the read-only tokens too.
        foreach (var (key, tokens) in new[] { (WebUiOptions.AdminTokensSection, options.AdminTokens), (WebUiOptions.ReadOnlyTokensSection, options.ReadOnlyTokens) })
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                if (SecurityOptionsValidator.IsTooShort(tokens[i]))
                {
                    failures.Add(SecurityOptionsValidator.TooShortMessage(key, i));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
