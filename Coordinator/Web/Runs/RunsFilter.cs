using System.Text;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>The runs list's filters and page, as read from the query string.</summary>
internal sealed record RunsFilter(
    string? Repository,
    string? Scenario,
    LoadTestKind? Kind,
    LoadTestStatus? Status,
    string? Commit,
    int Page)
{
    /// <summary>The URL of this filter at another page (paging links keep the filters).</summary>
    public string UrlForPage(int page)
    {
        var parts = new List<string>();
        Add(parts, "repository", Repository);
        Add(parts, "scenario", Scenario);
        Add(parts, "kind", Kind is null ? null : EnumNames.Of(Kind.Value));
        Add(parts, "status", Status is null ? null : EnumNames.Of(Status.Value));
        Add(parts, "commit", Commit);
        if (page > 1)
        {
            parts.Add("page=" + page);
        }

        var url = new StringBuilder("/runs");
        if (parts.Count > 0)
        {
            url.Append('?').AppendJoin('&', parts);
        }

        return url.ToString();
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
