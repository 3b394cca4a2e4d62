using PerfFleet.Common.Net;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Stacks;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// Reads the scenario in two passes: the first (variables kept as written) learns the port names,
/// the ports are allocated, and the second substitutes PERFFLEET_* everywhere. A bad file is a
/// <see cref="ScenarioException"/> naming the file, line and field.
/// </summary>
public static class ScenarioLoader
{
    public const string InlineSpecName = "inline spec";

    public static LoadedScenario Load(LoadTestSpec spec, string? checkoutDirectory, string commit, string runId)
    {
        string text;
        string fileName;
        if (!string.IsNullOrEmpty(spec.InlineSpec))
        {
            text = spec.InlineSpec;
            fileName = InlineSpecName;
        }
        else
        {
            fileName = ScenarioParser.DefaultFileName;
            var path = Path.Combine(checkoutDirectory ?? throw new RunFailedException(RunPhase.ReadingScenario, "the test has neither a repository nor an inline spec"), fileName);
            text = ReadScenarioFile(path, fileName);
        }

        var firstPass = ScenarioParser.Parse(text, fileName).Select(spec.Scenario);
        var ports = LoopbackPorts.Allocate(firstPass.Stack.Ports);
        var variables = StackVariables.Build(ports, commit, spec.Repository, runId);
        var scenario = ScenarioParser.Parse(text, fileName, variables, variablesFor: firstPass.Name).Select(firstPass.Name);
        return new LoadedScenario(WithSpecSearch(scenario, spec.Search), variables);
    }

    /// <summary>The spec's capacity search, when it has one, in place of the scenario's (checked as the file's section is).</summary>
    private static Scenario WithSpecSearch(Scenario scenario, string search)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return scenario;
        }

        if (scenario.Load is null)
        {
            throw new ScenarioException(SpecSearchSource, 0, 0, "search", $"cannot run on scenario '{scenario.Name}': it {ScenarioParser.SearchNeedsLoad}");
        }

        return scenario with { Search = ScenarioParser.ParseSearch(search, SpecSearchSource) };
    }

    /// <summary>How messages name a search given in the test's spec rather than in the file.</summary>
    public const string SpecSearchSource = "the test's search";

    /// <summary>
    /// What a worker would make of <paramref name="text"/>, offline and for every scenario of the
    /// file: both passes, with port numbers counted up from 20000 instead of allocated, so the
    /// answer and its message are the worker's (`perffleet validate`).
    /// </summary>
    public static ScenarioFile Validate(string text, string fileName)
    {
        var file = ScenarioParser.Parse(text, fileName);
        foreach (var scenario in file.Scenarios.Values)
        {
            var ports = scenario.Stack.Ports.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => 20000 + p.i, StringComparer.Ordinal);
            var variables = StackVariables.Build(ports, new string('0', 40), "owner/name", "validate");
            ScenarioParser.Parse(text, fileName, variables, variablesFor: scenario.Name);
        }

        return file;
    }

    /// <summary>Reads a scenario file with the worker's checks: present, not a symbolic link, at most 1 MiB.</summary>
    public static string ReadScenarioFile(string path, string fileName)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ScenarioException(fileName, 0, 0, string.Empty, $"the repository has no {fileName} at this commit; add one (see DESIGN.md \"Scenario file\") or send an inline spec");
        }

        // A symbolic link in the repository must not make the worker read its own files.
        if (info.LinkTarget is not null)
        {
            throw new ScenarioException(fileName, 0, 0, string.Empty, $"{fileName} is a symbolic link; commit the file itself");
        }

        return info.Length > 1024 * 1024
            ? throw new ScenarioException(fileName, 0, 0, string.Empty, $"{fileName} is {info.Length} bytes; the limit is 1 MiB")
            : File.ReadAllText(path);
    }
}
