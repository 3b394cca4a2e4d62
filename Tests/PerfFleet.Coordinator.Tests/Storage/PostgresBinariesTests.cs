using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Coordinator.Tests.Storage;

public sealed class PostgresBinariesTests
{
    [Fact]
    public void Locate_NoBinariesAnywhere_ThrowsWithInstallHintAndConnectionStringOption()
    {
        using var empty = new TempDirectory("nobinaries");

        var error = Assert.Throws<PostgresBinariesNotFoundException>(() => PostgresBinaries.Locate(null, empty.Path, Path.Combine(empty.Path, "lib")));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("PerfFleet:Database:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_ConfiguredDirectoryWithoutBinaries_ThrowsNamingTheOption()
    {
        using var empty = new TempDirectory("nobinaries");

        var error = Assert.Throws<PostgresBinariesNotFoundException>(() => PostgresBinaries.Locate(empty.Path, "/usr/bin"));

        Assert.Contains("PerfFleet:Database:BinariesDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_SeveralVersionsInstalled_TakesTheNewest()
    {
        using var temp = new TempDirectory("versions");
        var debianRoot = Path.Combine(temp.Path, "postgresql");
        foreach (var version in new[] { "13", "16", "9" })
        {
            var bin = Directory.CreateDirectory(Path.Combine(debianRoot, version, "bin")).FullName;
            foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            {
                File.WriteAllText(Path.Combine(bin, program), "");
            }
        }

        var binaries = PostgresBinaries.Locate(null, pathVariable: "", debianRoot);

        Assert.Equal(16, binaries.MajorVersion);
        Assert.Equal(Path.Combine(debianRoot, "16", "bin"), binaries.Directory);
    }

    [Fact]
    public void Locate_ThisMachine_FindsInstalledServer()
    {
        var binaries = PostgresBinaries.Locate(null, Environment.GetEnvironmentVariable("PATH"));

        Assert.True(binaries.MajorVersion >= 13, $"found version {binaries.MajorVersion} in {binaries.Directory}");
        Assert.True(File.Exists(binaries.PgCtl));
    }
}
