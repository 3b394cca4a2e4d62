using System.Text.RegularExpressions;

namespace PerfFleet.LoadEngine.Stats;

/// <summary>
/// Names an endpoint for per-endpoint statistics: the payload's own name, else method + path
/// template, where path segments that are identifiers (numbers, UUIDs, long hex strings) become
/// {id} so that /users/17 and /users/42 count as one endpoint, as Boulder's per-endpoint view wants.
/// </summary>
public static partial class EndpointNamer
{
    public static string Name(string method, string pathAndQuery, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return name;
        }

        var path = pathAndQuery.Split('?', 2)[0];
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (IdentifierSegment().IsMatch(segments[i]))
            {
                segments[i] = "{id}";
            }
        }

        return method + " " + string.Join('/', segments);
    }

    [GeneratedRegex("^([0-9]+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{16,})$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierSegment();
}
