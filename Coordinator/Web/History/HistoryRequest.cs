using Microsoft.AspNetCore.Http;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>
/// What /history?repo=&amp;scenario=&amp;query= asks for. Tests without a scenario name (the
/// file's only scenario) are addressed as <see cref="DefaultScenarioToken"/>, which no real
/// scenario name can collide with because parentheses are not allowed in names.
/// </summary>
internal sealed record HistoryRequest(string? Repository, string? Scenario, bool ScenarioGiven, string? Query)
{
    public const string DefaultScenarioToken = "(default)";

    public static (HistoryRequest? Request, IReadOnlyList<string> Problems) Parse(IQueryCollection query)
    {
        var reader = new QueryStringReader(query);
        var repository = reader.Text("repo", InputPatterns.MaxRepositoryLength, InputPatterns.Repository(), InputPatterns.RepositoryDescription);
        var scenarioGiven = query["scenario"].ToString().Trim().Length > 0;
        var scenario = query["scenario"].ToString().Trim() == DefaultScenarioToken
            ? null
            : reader.Text("scenario", InputPatterns.MaxScenarioLength, InputPatterns.Name(), InputPatterns.NameDescription);
        var queryName = reader.Text("query", InputPatterns.MaxQueryNameLength, InputPatterns.Name(), InputPatterns.NameDescription);
        if (repository is null && (scenarioGiven || queryName is not null) && reader.Problems.Count == 0)
        {
            return (null, ["'scenario' and 'query' need 'repo' too."]);
        }

        return reader.Problems.Count == 0
            ? (new HistoryRequest(repository, scenario, scenarioGiven, queryName), [])
            : (null, reader.Problems);
    }

    public static string Url(string repository, string? scenario, string? query = null)
    {
        var url = $"/history?repo={Uri.EscapeDataString(repository)}&scenario={Uri.EscapeDataString(scenario ?? DefaultScenarioToken)}";
        return query is null ? url : url + "&query=" + Uri.EscapeDataString(query);
    }
}
