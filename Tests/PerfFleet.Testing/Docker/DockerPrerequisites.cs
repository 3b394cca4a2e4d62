namespace PerfFleet.Testing.Docker;

/// <summary>
/// What a test's own Docker daemon needs from the machine. Missing pieces fail the test with a
/// message saying how to get them: a Docker test that silently passes would prove nothing.
/// </summary>
public static class DockerPrerequisites
{
    private static readonly string[] Commands = ["dockerd", "docker", "docker-compose"];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming what is missing.</summary>
    public static void ThrowIfMissing()
    {
        var missing = Commands.Where(command => FindOnPath(command) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The Docker tests start their own dockerd and need {string.Join(", ", missing)} on PATH: install docker.io and docker-compose (bash .ci/run does).");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                "The Docker tests start their own dockerd, which needs root: run them as root (CI does).");
        }
    }

    /// <summary>The full path of <paramref name="command"/> on PATH, or null.</summary>
    public static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
