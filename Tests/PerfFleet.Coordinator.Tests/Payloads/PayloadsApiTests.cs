using Google.Protobuf;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Tests.Api;
using PerfFleet.Testing.Coordinator;
using static PerfFleet.Coordinator.Tests.Payloads.PayloadUploads;

namespace PerfFleet.Coordinator.Tests.Payloads;

/// <summary>The payload store through a real coordinator and PostgreSQL: what goes in comes out, once per content.</summary>
public sealed class PayloadsApiTests(PayloadsHostFixture fixture) : IClassFixture<PayloadsHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly Contracts.V1.Payloads.PayloadsClient client = fixture.Payloads;

    [Fact]
    public async Task Upload_InChunks_ListGetAndDownloadGiveTheSameBytes()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(20_000);
        var header = Header(NewName(), repository, content);

        var uploaded = await UploadAsync(client, header, content, chunk: 777);

        Assert.Equal(header.Sha256, uploaded.Sha256);
        Assert.Equal(content.Length, uploaded.Size);
        Assert.Equal(repository, uploaded.Repository);
        var listed = Assert.Single((await client.ListAsync(new ListPayloadsRequest { Repository = repository }, Admin)).Payloads);
        Assert.Equal(header.Name, listed.Name);
        var shown = await client.GetAsync(new GetPayloadRequest { Name = header.Name }, Admin);
        Assert.Empty(shown.UsedBy);
        var (info, downloaded) = await DownloadAsync(client, new DownloadPayloadRequest { Name = header.Name });
        Assert.Equal(header.Sha256, info.Sha256);
        Assert.Equal(content, downloaded);
    }

    [Fact]
    public async Task Upload_RepositoryInOtherCase_CountedUnderTheRegisteredName()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1000, seed: 11);

        var uploaded = await UploadAsync(client, Header(NewName(), repository.ToUpperInvariant(), content), content);

        Assert.Equal(repository, uploaded.Repository);
    }

    [Fact]
    public async Task Upload_SameContentUnderTwoNames_ContentStoredOnce()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(3000, seed: 7);
        var before = await CountRowsAsync(fixture);

        await UploadAsync(client, Header(NewName(), repository, content), content);
        await UploadAsync(client, Header(NewName(), repository, content), content);

        var after = await CountRowsAsync(fixture);
        Assert.Equal(before.Payloads + 2, after.Payloads);
        Assert.Equal(before.Blobs + 1, after.Blobs);
    }

    [Fact]
    public async Task Upload_NewContentUnderAName_ReplacesItAndDropsTheOldContent()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var name = NewName();
        var first = RequestFile(2000, seed: 1);
        var second = RequestFile(2500, seed: 2);
        await UploadAsync(client, Header(name, repository, first), first);
        var before = await CountRowsAsync(fixture);

        var replaced = await UploadAsync(client, Header(name, repository, second), second);

        Assert.Equal(Header(name, repository, second).Sha256, replaced.Sha256);
        Assert.Equal(before, await CountRowsAsync(fixture));
        Assert.Equal(second, (await DownloadAsync(client, new DownloadPayloadRequest { Name = name })).Content);
    }

    [Fact]
    public async Task Remove_UnusedPayload_GoneAndSecondRemoveNotFound()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1500, seed: 3);
        var name = NewName();
        await UploadAsync(client, Header(name, repository, content), content);
        var before = await CountRowsAsync(fixture);

        await client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin);

        var after = await CountRowsAsync(fixture);
        Assert.Equal((before.Payloads - 1, before.Blobs - 1), (after.Payloads, after.Blobs));
        await FailsAsync(StatusCode.NotFound, () => client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin).ResponseAsync);
        await FailsAsync(StatusCode.NotFound, () => DownloadAsync(client, new DownloadPayloadRequest { Name = name }));
    }

    [Fact]
    public async Task Remove_WhileAQueuedInlineTestNamesIt_FailedPreconditionNamingTheTest()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1500, seed: 4);
        var name = NewName();
        await UploadAsync(client, Header(name, repository, content), content);
        var spec = Specs.Inline();
        spec.InlineSpec = InlineScenarios.Minimal + $"\n      requests: payload://{name}\n";
        var test = await fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin);

        var refused = await FailsAsync(StatusCode.FailedPrecondition, () => client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin).ResponseAsync);

        Assert.Contains(test.Id, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal([test.Id], (await client.GetAsync(new GetPayloadRequest { Name = name }, Admin)).UsedBy);
        var other = RequestFile(1600, seed: 5);
        await FailsAsync(StatusCode.FailedPrecondition, () => UploadAsync(client, Header(name, repository, other), other));

        await fixture.Host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id, Reason = "done with it" }, Admin);
        await WaitUntilEndedAsync(test.Id);
        await client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin);
    }

    [Fact]
    public async Task Remove_WhileAQueuedTestsSpecNamesIt_FailedPreconditionAndTheSpecKeepsTheReference()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1500, seed: 9);
        var name = NewName();
        var stored = await UploadAsync(client, Header(name, repository, content), content);
        var spec = Specs.ForRepository(repository);
        spec.Requests = $"payload://{name}@sha256:{stored.Sha256}";

        var test = await fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin);

        Assert.Equal(spec.Requests, test.Spec.Requests);
        Assert.Equal(spec.Requests, (await fixture.Host.LoadTests.GetAsync(new GetTestRequest { Id = test.Id }, Admin)).Test.Spec.Requests);
        await FailsAsync(StatusCode.FailedPrecondition, () => client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin).ResponseAsync);
        await fixture.Host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id, Reason = "done with it" }, Admin);
        await WaitUntilEndedAsync(test.Id);
        await client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin);
    }

    [Fact]
    public async Task Schedule_RequestsNameAMissingOrOtherPayload_RefusedAndNothingScheduled()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1000, seed: 12);
        var name = NewName();
        await UploadAsync(client, Header(name, repository, content), content);
        var missing = Specs.ForRepository(repository);
        missing.Requests = "payload://never-uploaded";
        var otherContent = Specs.ForRepository(repository);
        otherContent.Requests = $"payload://{name}@sha256:{new string('0', 64)}";

        var notFound = await FailsAsync(StatusCode.NotFound, () => fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = missing }, Admin).ResponseAsync);
        var otherPin = await FailsAsync(StatusCode.FailedPrecondition, () => fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = otherContent }, Admin).ResponseAsync);

        Assert.StartsWith("spec.requests: no payload named never-uploaded", notFound.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(new string('0', 64), otherPin.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await fixture.Host.LoadTests.ListAsync(new ListTestsRequest { Repository = repository }, Admin)).Tests);
    }

    [Theory]
    [InlineData("payload://")]
    [InlineData("payload://reqs@sha256:xyz")]
    [InlineData("/etc/passwd")]
    [InlineData("../outside.jsonl")]
    [InlineData("perf/\u0000.jsonl")]
    public async Task Schedule_BadRequests_InvalidArgumentNamingSpecRequests(string requests)
    {
        var spec = Specs.ForRepository(Specs.NewRepository());
        spec.Requests = requests;

        await RpcAssert.InvalidArgumentAsync("spec.requests", () => fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task Download_ForATest_RecordsTheUseAndRemovalIsRefusedUntilTheTestEnds()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1500, seed: 6);
        var name = NewName();
        await UploadAsync(client, Header(name, repository, content), content);
        var test = await fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = Specs.ForRepository(repository) }, Admin);

        await DownloadAsync(client, new DownloadPayloadRequest { Name = name, TestId = test.Id });

        await FailsAsync(StatusCode.FailedPrecondition, () => client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin).ResponseAsync);
        await fixture.Host.LoadTests.StopAsync(new StopTestRequest { Id = test.Id, Reason = "done with it" }, Admin);
        await WaitUntilEndedAsync(test.Id);
        await client.RemoveAsync(new RemovePayloadRequest { Name = name }, Admin);
    }

    [Fact]
    public async Task Download_PinnedToAnotherContent_FailedPreconditionNamingBothHashes()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        var content = RequestFile(1500, seed: 8);
        var name = NewName();
        var stored = await UploadAsync(client, Header(name, repository, content), content);
        var other = new string('a', 64);

        var refused = await FailsAsync(StatusCode.FailedPrecondition, () => DownloadAsync(client, new DownloadPayloadRequest { Name = name, Sha256 = other }));

        Assert.Contains(stored.Sha256, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(other, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(content, (await DownloadAsync(client, new DownloadPayloadRequest { Name = name, Sha256 = stored.Sha256.ToUpperInvariant() })).Content);
    }

    [Fact]
    public async Task ReadOnlyToken_MayListButNotUpload()
    {
        var repository = await RegisteredRepositoryAsync(fixture);
        await client.ListAsync(new ListPayloadsRequest(), CoordinatorTestHost.ReadOnly);
        using var call = client.Upload(CoordinatorTestHost.ReadOnly);
        var content = RequestFile(100);
        try
        {
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Header = Header(NewName(), repository, content) });
            await call.RequestStream.WriteAsync(new PayloadUploadChunk { Data = ByteString.CopyFrom(content) });
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException)
        {
            // The coordinator may refuse before the writes are done; its answer is what counts.
        }

        await FailsAsync(StatusCode.PermissionDenied, () => call.ResponseAsync);
        await FailsAsync(StatusCode.Unauthenticated, async () =>
        {
            using var download = client.Download(new DownloadPayloadRequest { Name = "x" }, Admin);
            await download.ResponseStream.MoveNext(CancellationToken.None);
        });
    }

    private async Task WaitUntilEndedAsync(string id)
    {
        for (var i = 0; i < 100; i++)
        {
            var test = (await fixture.Host.LoadTests.GetAsync(new GetTestRequest { Id = id }, Admin)).Test;
            if (test.Status is TestStatus.Stopped or TestStatus.Failed or TestStatus.Completed)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"test {id} did not end");
    }
}
