using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using PerfFleet.Cli.Tests.Fixture;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Commands;

/// <summary>`perffleet payloads` against the real coordinator: upload, list, show, rm, and their errors in one line.</summary>
[Collection(CoordinatorCollection.Name)]
public sealed class PayloadsCommandTests(CoordinatorFixture coordinator) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("perffleet-payloads-cli-").FullName;

    [Fact]
    public async Task PayloadsUpload_RequestFile_StoredByHashListedShownAndRemoved()
    {
        var name = NewName();
        var path = RequestFile(5000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

        var uploaded = await CliRun.RunAsync(coordinator.Args("payloads", "upload", path, "--name", name, "--repo", CoordinatorFixture.RegisteredRepository, "-o", "json"));
        var listed = await CliRun.RunAsync(coordinator.Args("payloads", "list", "--repo", CoordinatorFixture.RegisteredRepository));
        var shown = await CliRun.RunAsync(coordinator.Args("payloads", "show", name));
        var removed = await CliRun.RunAsync(coordinator.Args("payloads", "rm", name));
        var after = await CliRun.RunAsync(coordinator.Args("payloads", "show", name));

        Assert.True(uploaded.ExitCode == ExitCodes.Ok, uploaded.ToString());
        var info = JsonParser.Default.Parse<PayloadInfo>(uploaded.Stdout);
        Assert.Equal((name, sha256, new FileInfo(path).Length), (info.Name, info.Sha256, info.Size));
        Assert.Contains(name, listed.Stdout, StringComparison.Ordinal);
        Assert.Contains(sha256, shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("used by: no queued or running test", shown.Stdout, StringComparison.Ordinal);
        Assert.Equal($"removed {name}", removed.Stdout.Trim());
        Assert.Equal(ExitCodes.NotFound, after.ExitCode);
        Assert.Equal($"error: not found: no payload named {name}", after.OneErrorLine());
    }

    [Fact]
    public async Task ScheduleWithRequestsPayload_PayloadShowsTheTestAndRmIsRefused()
    {
        var name = NewName();
        await CliRun.RunAsync(coordinator.Args("payloads", "upload", RequestFile(300), "--name", name, "--repo", CoordinatorFixture.RegisteredRepository));

        var scheduled = await CliRun.RunAsync(coordinator.Args(
            "schedule", "--repo", CoordinatorFixture.RegisteredRepository, "--commit", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + "0badc0de", "--scenario", "checkout", "--requests", $"payload://{name}", "-o", "json"));
        var shown = await CliRun.RunAsync(coordinator.Args("payloads", "show", name));
        var removed = await CliRun.RunAsync(coordinator.Args("payloads", "rm", name));

        Assert.True(scheduled.ExitCode == ExitCodes.Ok, scheduled.ToString());
        var test = JsonParser.Default.Parse<LoadTest>(scheduled.Stdout);
        Assert.Contains($"payload://{name}", (await CliRun.RunAsync(coordinator.Args("get", test.Id))).Stdout, StringComparison.Ordinal);
        Assert.Equal($"payload://{name}", test.Spec.Requests);
        Assert.Contains(test.Id, shown.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.FailedPrecondition, removed.ExitCode);
        Assert.Contains(test.Id, removed.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadsUpload_NotARequestFile_InputErrorNamingTheLineAndNothingSent()
    {
        var path = Path.Combine(directory, "bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"method\":\"GET\",\"path\":\"/\"}\nnot json at all\n");
        var name = NewName();

        var run = await CliRun.RunAsync(coordinator.Args("payloads", "upload", path, "--name", name, "--repo", CoordinatorFixture.RegisteredRepository));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("2", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await CliRun.RunAsync(coordinator.Args("payloads", "show", name))).ExitCode);
    }

    [Fact]
    public async Task PayloadsUpload_MissingFile_InputError()
    {
        var run = await CliRun.RunAsync(coordinator.Args("payloads", "upload", Path.Combine(directory, "none.jsonl"), "--name", NewName(), "--repo", CoordinatorFixture.RegisteredRepository));

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains("no such file", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("")]
    public async Task PayloadsUpload_BadName_InvalidArgumentNamingTheField(string name)
    {
        var run = await CliRun.RunAsync(coordinator.Args("payloads", "upload", RequestFile(200), "--name", name, "--repo", CoordinatorFixture.RegisteredRepository));

        Assert.Equal(ExitCodes.InvalidArgument, run.ExitCode);
        Assert.StartsWith("error: invalid argument: header.name:", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadsUpload_UnregisteredRepository_NotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("payloads", "upload", RequestFile(200), "--name", NewName(), "--repo", "acme/never-registered"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Contains("acme/never-registered", run.OneErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadsUpload_WithoutRepo_Usage()
    {
        var run = await CliRun.RunAsync(coordinator.Args("payloads", "upload", RequestFile(200), "--name", NewName()));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--repo", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PayloadsRm_Unknown_NotFound()
    {
        var run = await CliRun.RunAsync(coordinator.Args("payloads", "rm", "never-uploaded"));

        Assert.Equal(ExitCodes.NotFound, run.ExitCode);
        Assert.Equal("error: not found: no payload named never-uploaded", run.OneErrorLine());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string NewName() => "cli-" + Guid.NewGuid().ToString("N")[..12];

    private string RequestFile(int bytes)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append("{\"method\":\"POST\",\"path\":\"/items/").Append(i).Append("\",\"body\":\"").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"n\":" + i + "}"))).Append("\"}\n");
        }

        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
