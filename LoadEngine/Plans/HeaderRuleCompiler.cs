using System.Text.RegularExpressions;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>Compiles a header rule's path pattern for the engine.</summary>
internal static class HeaderRuleCompiler
{
    /// <summary>Compiles the rule, or throws a <see cref="LoadPlanException"/> naming <paramref name="field"/>.</summary>
    public static Regex Compile(this HeaderRule rule, string field)
    {
        try
        {
            // A timeout keeps a hostile pattern from hanging plan preparation (rules run once per payload, not per request).
            return new Regex(rule.Match, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new LoadPlanException(field, $"\"{rule.Match}\" is not a valid regular expression: {e.Message}", e);
        }
    }
}
