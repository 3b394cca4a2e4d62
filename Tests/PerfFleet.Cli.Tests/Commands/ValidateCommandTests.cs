using System.Text;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>`perffleet validate`: the worker's reading of a scenario file, offline.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private const string TwoScenarios = """
        version: 1
        scenarios:
          api:
            stack:
              local:
                - {name: sut, run: "exec ./server --port ${PERFFLEET_PORT_SUT}"}
              ports: [sut]
              ready: http://127.0.0.1:${PERFFLEET_PORT_SUT}/healthz
            load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_SUT}"], duration: 30s, rate: 200}
            repeat: {pairs: 5}
          db:
            stack:
              local:
                - {name: db, run: "exec ./db --port ${PERFFLEET_PORT_DB}"}
              ports: [db]
            load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_DB}"], duration: 10s, stages: [{rate: 50, for: 10s}]}
        """;

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("perffleet-validate-");

    [Fact]
    public async Task Validate_ValidFileWithTwoScenarios_SaysSoPerScenario()
    {
        var run = await CliRun.RunAsync("validate", Write(".perffleet.yml", TwoScenarios));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains(".perffleet.yml: valid, 2 scenario(s)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("api: 1 local service(s), 200 req/s for 30s, 0 queries, 5 pairs", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("db: 1 local service(s), 1 stage(s) for 10s", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CapacitySearch_SaysItSearchesInsteadOfAFixedRate()
    {
        const string searching = """
            version: 1
            scenarios:
              api:
                stack:
                  local:
                    - {name: sut, run: "exec ./server --port ${PERFFLEET_PORT_SUT}"}
                  ports: [sut]
                load: {targets: ["http://127.0.0.1:${PERFFLEET_PORT_SUT}"], duration: 30s, rate: 200}
                search: {slo: {p99: 50ms}, from: 100, to: 5000, step_duration: 5s}
            """;

        var run = await CliRun.RunAsync("validate", Write(".perffleet.yml", searching));

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("api: 1 local service(s), a capacity search from 100 to 5000 req/s, 5s a probe, at most 8 probes, 0 queries", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rate: 200}", "rate: -5}", "scenarios.api.load.rate")]
    [InlineData("repeat: {pairs: 5}", "repeat: {pairs: 500}", "scenarios.api.repeat.pairs")]
    [InlineData("${PERFFLEET_PORT_SUT}/healthz", "${PERFFLEET_PORT_WEB}/healthz", "scenarios.api.stack.ready")]
    [InlineData("version: 1", "version: 2", "version")]
    public async Task Validate_WrongField_ExitsWithInputErrorNamingTheLineAndField(string from, string to, string field)
    {
        var run = await CliRun.RunAsync("validate", Write("perf.yml", TwoScenarios.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        var error = run.OneErrorLine();
        Assert.Contains("perf.yml:", error, StringComparison.Ordinal);
        Assert.Contains(field, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownScenario_NamesTheOnesDefined()
    {
        var run = await CliRun.RunAsync("validate", Write(".perffleet.yml", TwoScenarios), "--scenario", "checkout");

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("checkout", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFileOrBytesThatAreNotText_AClearErrorWithoutAStackTrace()
    {
        var missing = await CliRun.RunAsync("validate", Path.Combine(directory.FullName, "nope.yml"));
        var binaryPath = Path.Combine(directory.FullName, "binary.yml");
        await File.WriteAllBytesAsync(binaryPath, [0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, (byte)'\n']);
        var binary = await CliRun.RunAsync("validate", binaryPath);

        Assert.Equal((ExitCodes.InputError, ExitCodes.InputError), (missing.ExitCode, binary.ExitCode));
        Assert.Contains("nope.yml", missing.OneErrorLine(), StringComparison.Ordinal);
        Assert.Contains("binary.yml", binary.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_TheSampleRepositorysFile_IsValid()
    {
        var sample = Path.Combine(PerfFleet.Testing.TestPaths.RepositoryRoot, "samples", "sample-repo", ".perffleet.yml");

        var run = await CliRun.RunAsync("validate", sample);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
    }

    public void Dispose() => directory.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory.FullName, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }
}
