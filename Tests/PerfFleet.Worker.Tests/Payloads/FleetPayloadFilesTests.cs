using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.V1;
using PerfFleet.Runs.Load;
using PerfFleet.Runs.Pipeline;
using PerfFleet.Testing.Coordinator;
using PerfFleet.Testing.Net;
using PerfFleet.Testing.Postgres;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Payloads;
using PerfFleet.Worker.Service;
using PerfFleet.Worker.Tests.Pipeline;

namespace PerfFleet.Worker.Tests.Payloads;

/// <summary>
/// payload:// on a worker against a real coordinator and PostgreSQL: downloaded once and cached
/// by hash; a removed, re-pinned or corrupt payload, or no coordinator at all, fails the run with
/// a reason, within the download's deadline.
/// </summary>
public sealed class FleetPayloadFilesTests : IAsyncLifetime
{
    private const string Repository = "acme/payload-worker";
    private readonly PostgresDatabaseFixture database = new();
    private readonly string workDirectory = Path.Combine(Path.GetTempPath(), "perffleet-payload-worker-" + Guid.NewGuid().ToString("N"));
    private CoordinatorTestHost? host;

    private CoordinatorTestHost Host => host!;

    public async Task InitializeAsync()
    {
        await database.InitializeAsync();
        host = await CoordinatorTestHost.StartAsync(database.ConnectionString);
        await Host.Repositories.RegisterAsync(new RepositoryRegistration { Name = Repository }, CoordinatorTestHost.Admin);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await database.DisposeAsync();
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task GetFile_StoredPayload_DownloadedOnceThenServedFromTheCache()
    {
        var (name, content, sha256) = await UploadAsync();
        var files = Files(workDirectory);

        var first = await files.GetFileAsync(PayloadReference.Parse("payload://" + name), Request(), CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(first));

        // The stored bytes go bad: a worker that has the content cached never reads them again.
        await CorruptStoredContentAsync(sha256);
        var second = await files.GetFileAsync(PayloadReference.Parse($"payload://{name}@sha256:{sha256}"), Request(), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal(content, await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task GetFile_StoredContentCorrupt_RunFailsSayingSoAndCachesNothing()
    {
        var (name, _, sha256) = await UploadAsync();
        await CorruptStoredContentAsync(sha256);

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => Files(workDirectory).GetFileAsync(PayloadReference.Parse("payload://" + name), Request(), CancellationToken.None));

        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
        Assert.Contains(sha256, ex.Message, StringComparison.Ordinal);
        Assert.Equal(RunPhase.ReadingScenario, ex.Phase);
        Assert.Empty(Directory.GetFiles(Path.Combine(workDirectory, "payload-cache")));
    }

    [Fact]
    public async Task GetFile_RemovedPayload_RunFailsNamingIt()
    {
        var (name, _, _) = await UploadAsync();
        await new Contracts.V1.Payloads.PayloadsClient(Host.Channel).RemoveAsync(new RemovePayloadRequest { Name = name }, CoordinatorTestHost.Admin);

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => Files(workDirectory).GetFileAsync(PayloadReference.Parse("payload://" + name), Request(), CancellationToken.None));

        Assert.Contains($"requests: payload://{name}: no payload named {name}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFile_PinnedToOtherContent_RunFailsNamingBothHashes()
    {
        var (name, _, sha256) = await UploadAsync();
        var pinned = new string('0', 64);

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => Files(workDirectory).GetFileAsync(PayloadReference.Parse($"payload://{name}@sha256:{pinned}"), Request(), CancellationToken.None));

        Assert.Contains(sha256, ex.Message, StringComparison.Ordinal);
        Assert.Contains(pinned, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFile_FirstCoordinatorDown_FailsOverToTheNext()
    {
        var (name, content, _) = await UploadAsync();
        var files = Files(workDirectory, $"http://127.0.0.1:{FreePort.Next()}", Host.GrpcAddress);

        var path = await files.GetFileAsync(PayloadReference.Parse("payload://" + name), Request(), CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task GetFile_NoCoordinatorAnswers_RunFailsWithinTheDeadline()
    {
        var files = Files(workDirectory, $"http://127.0.0.1:{FreePort.Next()}");
        var started = TimeProvider.System.GetTimestamp();

        var ex = await Assert.ThrowsAsync<RunFailedException>(() => files.GetFileAsync(PayloadReference.Parse("payload://anything"), Request(), CancellationToken.None));

        Assert.Contains("no coordinator gave it", ex.Message, StringComparison.Ordinal);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task RunAsync_InlineSpecNamesAStoredPayload_TheEngineSendsItsRequests()
    {
        var (name, _, _) = await UploadAsync();
        var paths = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using var deployment = await LoopbackDeployment.StartAsync(context =>
        {
            paths.Add(context.Request.Path);
            return Task.CompletedTask;
        });
        using var pipeline = new PipelineFixture();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var load = new EngineLoadStep(services.GetRequiredService<IMeterFactory>(), TimeProvider.System, NullLoggerFactory.Instance);

        var result = await pipeline.Create(load, payloads: Files(workDirectory)).RunAsync(new RunRequest("t-payload", 1, InlineSpec(LoopbackDeployment.Address(deployment), name)), pipeline.Progress, CancellationToken.None);

        Assert.Equal((TestStatus.Completed, string.Empty), (result.Status, result.Reason));
        // "/" is the readiness probe; every request of the load is one of the payload's.
        var sent = paths.Where(p => p != "/").ToList();
        Assert.InRange(sent.Count, 40, 60);
        Assert.All(sent, p => Assert.StartsWith("/items/", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_PayloadRemovedBeforeTheRun_FailsBeforeAnyLoadWithTheReason()
    {
        var (name, _, _) = await UploadAsync();
        await new Contracts.V1.Payloads.PayloadsClient(Host.Channel).RemoveAsync(new RemovePayloadRequest { Name = name }, CoordinatorTestHost.Admin);
        var hits = 0;
        await using var deployment = await LoopbackDeployment.StartAsync(context =>
        {
            Interlocked.Increment(ref hits);
            return Task.CompletedTask;
        });
        using var pipeline = new PipelineFixture();
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var load = new EngineLoadStep(services.GetRequiredService<IMeterFactory>(), TimeProvider.System, NullLoggerFactory.Instance);

        var result = await pipeline.Create(load, payloads: Files(workDirectory)).RunAsync(new RunRequest("t-payload-gone", 1, InlineSpec(LoopbackDeployment.Address(deployment), name)), pipeline.Progress, CancellationToken.None);

        Assert.Equal(TestStatus.Failed, result.Status);
        Assert.Contains($"no payload named {name}", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(RunPhase.StartingStack, pipeline.Phases);
        Assert.Equal(0, hits);
    }

    private static LoadTestSpec InlineSpec(string url, string payload) => new()
    {
        InlineSpec = $"version: 1\nscenarios:\n  api:\n    stack: {{none: true, ready: {url}/}}\n"
            + $"    load: {{targets: [{url}], rate: 50, duration: 1s, requests: \"payload://{payload}\"}}\n",
    };

    private FleetPayloadFiles Files(string work, params string[] coordinators)
    {
        var options = Options.Create(new WorkerOptions { WorkDirectory = work, PayloadDownloadTimeout = TimeSpan.FromSeconds(10) });
        options.Value.Coordinators.AddRange(coordinators.Length > 0 ? coordinators : [Host.GrpcAddress]);
        var pool = new CoordinatorPool(options, Options.Create(new FleetTokenOptions { FleetToken = CoordinatorTestHost.FleetToken }), TimeProvider.System);
        return new FleetPayloadFiles(pool, new ActiveTestRegistry(options, TimeProvider.System), options, NullLogger<FleetPayloadFiles>.Instance);
    }

    private static RunRequest Request() => new(Guid.NewGuid().ToString(), 1, new LoadTestSpec { Repository = Repository });

    private async Task<(string Name, byte[] Content, string Sha256)> UploadAsync()
    {
        var name = "worker-" + Guid.NewGuid().ToString("N")[..10];
        var text = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            text.Append("{\"method\":\"GET\",\"path\":\"/items/").Append(i).Append("\"}\n");
        }

        var content = Encoding.UTF8.GetBytes(text.ToString());
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        using var call = new Contracts.V1.Payloads.PayloadsClient(Host.Channel).Upload(CoordinatorTestHost.Admin);
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = new PayloadUploadHeader { Name = name, Repository = Repository, Sha256 = sha256, Size = content.Length } });
        await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFrom(content) });
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
        return (name, content, sha256);
    }

    /// <summary>Flips a byte of the stored content behind the store's back, as a damaged disk would.</summary>
    private async Task CorruptStoredContentAsync(string sha256)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE payload_blobs SET content = set_byte(content, 10, get_byte(content, 10) # 1) WHERE sha256 = @sha256", connection);
        command.Parameters.AddWithValue("sha256", sha256);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
