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
        var scenario = ScenarioParser.Parse(text, fileName, variables).Select(spec.Scenario);
        return new LoadedScenario(scenario, variables);
    }

    private static string ReadScenarioFile(string path, string fileName)
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
