namespace PerfFleet.Worker.Tests.Support;

/// <summary>Finds processes by an environment variable value: how a test proves a stack left nothing running.</summary>
public static class LeftoverProcesses
{
    public static IReadOnlyList<int> WithEnvironment(string name, string value)
    {
        var needle = $"{name}={value}";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var environment = File.ReadAllText(Path.Combine(directory, "environ"));
                if (environment.Split('\0').Contains(needle, StringComparer.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // exited while we looked
            }
        }

        return found;
    }
}
