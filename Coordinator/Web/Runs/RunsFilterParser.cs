using Microsoft.AspNetCore.Http;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Web.Input;

namespace PerfFleet.Coordinator.Web.Runs;

/// <summary>Reads <see cref="RunsFilter"/> from a query string, or says everything that is wrong with it.</summary>
internal static class RunsFilterParser
{
    public const int MaxPage = 100_000;

    public static (RunsFilter? Filter, IReadOnlyList<string> Problems) Parse(IQueryCollection query)
    {
        var reader = new QueryStringReader(query);
        var filter = new RunsFilter(
            Repository: reader.Text("repository", InputPatterns.MaxRepositoryLength, InputPatterns.Repository(), InputPatterns.RepositoryDescription),
            Scenario: reader.Text("scenario", InputPatterns.MaxScenarioLength, InputPatterns.Name(), InputPatterns.NameDescription),
            Kind: reader.Enum<LoadTestKind>("kind"),
            Status: reader.Enum<LoadTestStatus>("status"),
            Commit: reader.Text("commit", 40, InputPatterns.Commit(), InputPatterns.CommitDescription)?.ToLowerInvariant(),
            Page: reader.Integer("page", 1, 1, MaxPage));
        return reader.Problems.Count == 0 ? (filter, []) : (null, reader.Problems);
    }
}
