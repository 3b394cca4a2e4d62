namespace PerfFleet.Coordinator.Tests.Storage;

/// <summary>A directory under /tmp for one test, deleted at the end (as root: whatever user owns the files).</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string name = "dir") =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"perffleet-{name}-{Guid.NewGuid():N}")).FullName;

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
