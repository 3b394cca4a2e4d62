using System.Text.RegularExpressions;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// Where <see cref="Match"/> (a regular expression) matches a request's path, set the headers in
/// <see cref="Set"/> and remove those named in <see cref="Remove"/>. Rules apply in order.
/// </summary>
public sealed record HeaderRule(string Match, IReadOnlyDictionary<string, string>? Set = null, IReadOnlyList<string>? Remove = null)
{
    /// <summary>Compiles the rule, or throws a <see cref="LoadPlanException"/> naming <paramref name="field"/>.</summary>
    internal Regex Compile(string field)
    {
        try
        {
            // A timeout keeps a hostile pattern from hanging plan preparation (rules run once per payload, not per request).
            return new Regex(Match, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new LoadPlanException(field, $"\"{Match}\" is not a valid regular expression: {e.Message}", e);
        }
    }
}
