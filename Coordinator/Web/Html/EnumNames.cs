using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using ProtoVerdict = PerfFleet.Contracts.V1.Verdict;

namespace PerfFleet.Coordinator.Web.Html;

/// <summary>
/// The names the UI shows and accepts in query strings for statuses, kinds and verdicts: the
/// same snake_case words as the database (<c>completed</c>, <c>no_baseline</c>), so a URL reads
/// like the SQL an operator would write.
/// </summary>
internal static class EnumNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => StorageNaming.ToSnakeCase(value.ToString());

    public static IReadOnlyList<string> All<TEnum>()
        where TEnum : struct, Enum => [.. Enum.GetValues<TEnum>().Select(Of)];

    /// <summary>Parses a name as shown by <see cref="Of{TEnum}"/> (case-insensitive); numbers are refused.</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The protobuf verdict of one metric in the storage enum's words.</summary>
    public static string OfProto(ProtoVerdict verdict) => verdict switch
    {
        ProtoVerdict.Unchanged => Of(TestVerdict.Unchanged),
        ProtoVerdict.Regression => Of(TestVerdict.Regression),
        ProtoVerdict.Improvement => Of(TestVerdict.Improvement),
        ProtoVerdict.NoBaseline => Of(TestVerdict.NoBaseline),
        ProtoVerdict.Error => Of(TestVerdict.Error),
        ProtoVerdict.Inconclusive => Of(TestVerdict.Inconclusive),
        _ => "unknown",
    };

    /// <summary>A coloured badge; the CSS class carries the colour (see site.css).</summary>
    public static HtmlContent Badge(string kind, string name) =>
        Markup.Of($"<span class=\"badge {kind}-{name}\">{name.Replace('_', ' ')}</span>");

    public static HtmlContent StatusBadge(LoadTestStatus status) => Badge("status", Of(status));

    public static HtmlContent VerdictBadge(TestVerdict? verdict) =>
        verdict is null ? Markup.Text("—") : Badge("verdict", Of(verdict.Value));
}
