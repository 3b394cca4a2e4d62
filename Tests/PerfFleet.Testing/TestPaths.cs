namespace PerfFleet.Testing;

/// <summary>Locates the repository root from a test's output directory.</summary>
public static class TestPaths
{
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfFleet.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("PerfFleet.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
