namespace PerfFleet.Cli.Demo;

/// <summary>
/// Where the demo finds PerfFleet's build outputs (the coordinator and worker it starts) and
/// where it keeps its state: <c>.perffleet/demo</c> under the repository root.
/// </summary>
public sealed record DemoLayout(string RepositoryRoot, string Configuration)
{
    /// <summary>Repository, worker directories and logs of the demo; replaced on each run.</summary>
    public string StateDirectory { get; init; } = Path.Combine(RepositoryRoot, ".perffleet", "demo");

    /// <summary>
    /// The embedded PostgreSQL's directory. Under the temp directory: run as root, PostgreSQL runs
    /// as the postgres user, which must be able to reach it (a checkout under /root would not let it).
    /// </summary>
    public string PostgresDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "perffleet-demo", "postgres");

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    public string CoordinatorDll => Path.Combine(RepositoryRoot, "Coordinator", "bin", Configuration, "net10.0", "perffleet-coordinator.dll");

    public string WorkerDll => Path.Combine(RepositoryRoot, "Worker", "bin", Configuration, "net10.0", "perffleet-worker.dll");

    public string SampleRepository => Path.Combine(RepositoryRoot, "samples", "sample-repo");

    public string SampleService => Path.Combine(RepositoryRoot, "samples", "SampleService");

    /// <summary>Finds the repository from the CLI's own location (…/Cli/bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static DemoLayout Locate()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = baseDirectory.Parent?.Name ?? "Release";
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfFleet.sln")))
            {
                return new DemoLayout(dir.FullName, configuration);
            }
        }

        throw new DemoException("the demo runs from a PerfFleet checkout (PerfFleet.sln not found above " + AppContext.BaseDirectory + "): use ./build.sh --target=Demo");
    }

    public void Check()
    {
        foreach (var (what, path) in new[] { ("coordinator", CoordinatorDll), ("worker", WorkerDll) })
        {
            if (!File.Exists(path))
            {
                throw new DemoException($"the {what} is not built ({path} is missing): run ./build.sh --target=Demo, which builds it");
            }
        }
    }
}
