using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>Well-formed test specs; each test changes the part it is about.</summary>
public static class Specs
{
    public const string InlineScenario = InlineScenarios.Minimal;

    /// <summary>A new repository name per call, so the per-repository quota of one test never trips another.</summary>
    public static string NewRepository() => $"acme/svc-{Guid.NewGuid():N}"[..20];

    public static string NewCommit() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "abcdef01";

    public static LoadTestSpec ForRepository(string repository, string? commit = null, TestKind kind = TestKind.Test, string scenario = "api") => new()
    {
        Repository = repository,
        CloneUrl = $"https://git.example.invalid/{repository}.git",
        Commit = commit ?? NewCommit(),
        Scenario = scenario,
        Kind = kind,
        Rate = 100,
        Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(30)),
        Branch = "main",
    };

    public static LoadTestSpec Inline() => new() { InlineSpec = InlineScenario, Kind = TestKind.Adhoc };
}
