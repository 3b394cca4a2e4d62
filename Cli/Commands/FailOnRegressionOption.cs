using System.CommandLine;

namespace PerfFleet.Cli.Commands;

/// <summary>`--fail-on-regression`, the CI gate of `get`, `compare` and `run --compare-to`: exit <see cref="ExitCodes.Regression"/> on a regression verdict.</summary>
public static class FailOnRegressionOption
{
    public static Option<bool> Create() => new("--fail-on-regression")
    {
        Description = $"Exit {ExitCodes.Regression} when the verdict is regression (for CI)",
    };
}
