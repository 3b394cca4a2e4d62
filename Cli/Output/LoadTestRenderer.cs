using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Output;

/// <summary>One test as a key/value grid, and many as a list.</summary>
public static class LoadTestRenderer
{
    public static void WriteOne(IAnsiConsole console, LoadTest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var table = Tables.Create("field", "value");
        table.AddTextRow("id", test.Id);
        table.AddTextRow("status", DisplayNames.Of(test.Status));
        if (!string.IsNullOrEmpty(test.StatusReason))
        {
            table.AddTextRow("reason", test.StatusReason);
        }

        var spec = test.Spec ?? new LoadTestSpec();
        table.AddTextRow("kind", DisplayNames.Of(spec.Kind));
        table.AddTextRow("repository", Or(spec.Repository));
        table.AddTextRow("commit", Or(spec.Commit));
        table.AddTextRow("scenario", Or(spec.Scenario));
        table.AddTextRow("rate", spec.Rate > 0 ? DisplayNames.Number(spec.Rate) + " rps" : "as in scenario");
        table.AddTextRow("duration", spec.Duration is null ? "as in scenario" : DisplayNames.Of(spec.Duration));
        if (!string.IsNullOrEmpty(spec.Requests))
        {
            table.AddTextRow("requests", spec.Requests);
        }

        if (!string.IsNullOrEmpty(spec.Search))
        {
            table.AddTextRow("search", spec.Search); // the test's own capacity search, run instead of the scenario's load
        }

        table.AddTextRow("priority", spec.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddTextRow("worker", Or(test.AssignedWorker));
        table.AddTextRow("attempts", test.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddTextRow("created", DisplayNames.Of(test.CreatedAt));
        table.AddTextRow("verdict", DisplayNames.Of(test.Verdict));
        if (!string.IsNullOrEmpty(test.RerunOf))
        {
            table.AddTextRow("rerun of", test.RerunOf);
        }

        if (!string.IsNullOrEmpty(test.WebUrl))
        {
            table.AddTextRow("web", test.WebUrl);
        }

        console.Write(table);
    }

    public static void WriteList(IAnsiConsole console, ListTestsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var table = Tables.Create("id", "status", "kind", "repository", "commit", "scenario", "created", "verdict");
        foreach (var test in response.Tests)
        {
            var spec = test.Spec ?? new LoadTestSpec();
            table.AddTextRow(
                test.Id,
                DisplayNames.Of(test.Status),
                DisplayNames.Of(spec.Kind),
                Or(spec.Repository),
                Or(DisplayNames.ShortCommit(spec.Commit)),
                Or(spec.Scenario),
                DisplayNames.Of(test.CreatedAt),
                DisplayNames.Of(test.Verdict));
        }

        console.Write(table);
        console.WriteLine($"{response.Tests.Count} of {response.Total} tests");
        if (!string.IsNullOrEmpty(response.NextPageToken))
        {
            console.WriteLine($"next page: --page-token {response.NextPageToken}");
        }
    }

    private static string Or(string value) => string.IsNullOrEmpty(value) ? "-" : value;
}
