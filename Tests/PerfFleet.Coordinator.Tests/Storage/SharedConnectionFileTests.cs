using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Coordinator.Storage;
using PerfFleet.EmbeddedPostgres;

namespace PerfFleet.Coordinator.Tests.Storage;

/// <summary>A second coordinator on the machine can join the first one's embedded PostgreSQL.</summary>
public sealed class SharedConnectionFileTests
{
    [Fact]
    public async Task StartAsync_EmbeddedServer_WritesAConnectionStringOnlyItsUserReadsAndRemovesItAtStop()
    {
        using var temp = new TempDirectory("shared");
        var service = new DatabaseStartupService(Options.Create(new DatabaseOptions { DataDirectory = temp.Path }), new PerfFleetDatabase(), NullLoggerFactory.Instance);
        var file = Path.Combine(temp.Path, SharedConnectionFile.FileName);
        try
        {
            await service.StartAsync(CancellationToken.None);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            await using var connection = new NpgsqlConnection(await File.ReadAllTextAsync(file));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("perffleet", await command.ExecuteScalarAsync());
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
            await service.DisposeAsync();
        }

        Assert.False(File.Exists(file), "a stopped server's port is not offered");
    }
}
