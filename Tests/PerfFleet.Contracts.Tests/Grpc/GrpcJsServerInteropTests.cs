using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Contracts.Tests.Grpc;

/// <summary>Our client calling an @grpc/grpc-js SERVER (Interop/server.js), the same cases as against our server.</summary>
public sealed class GrpcJsServerInteropTests(GrpcJsServerInteropTests.NodeServer node) : IClassFixture<GrpcJsServerInteropTests.NodeServer>
{
    private Echo.EchoClient Client => new(node.Channel);

    [Fact]
    public async Task Unary_MetadataAndTrailers_RoundTrip()
    {
        var headers = new Metadata { { "authorization", "Bearer js" }, { "trace-bin", new byte[] { 0, 255, 10 } } };

        using var call = Client.UnaryAsync(new EchoRequest { Message = "to js", Payload = ByteString.CopyFromUtf8("p") }, headers);
        var reply = await call;

        Assert.Equal("to js", reply.Message);
        Assert.Equal("p", reply.Payload.ToStringUtf8());
        Assert.Equal("Bearer js", reply.Headers["authorization"]);
        Assert.Equal(Convert.ToBase64String([0, 255, 10]), reply.Headers["trace-bin"]);
        Assert.Equal("unary-done", call.GetTrailers().GetValue("x-trailer"));
    }

    [Fact]
    public async Task ServerStream_Messages_AllReceivedWithHeaders()
    {
        using var call = Client.ServerStream(new EchoRequest { Count = 25 });
        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync())
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal(Enumerable.Range(0, 25), indexes);
        Assert.Equal("started", (await call.ResponseHeadersAsync).GetValue("x-stream"));
    }

    [Fact]
    public async Task ClientStream_Messages_Joined()
    {
        using var call = Client.ClientStream();
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "x" });
        await call.RequestStream.WriteAsync(new EchoRequest { Message = "y" });
        await call.RequestStream.CompleteAsync();

        Assert.Equal("x,y", (await call).Message);
    }

    [Fact]
    public async Task Duplex_PingPong_RepliesInOrder()
    {
        using var call = Client.Duplex();
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Message = "p" + i });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal("p" + i, call.ResponseStream.Current.Message);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Unary_ServerError_StatusDetailAndBinaryTrailer()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.PermissionDenied, FailMessage = "nope — ünïcode 100%" }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("nope — ünïcode 100%", error.Status.Detail);
        Assert.Equal([1, 2, 3], error.Trailers.GetValueBytes("x-error-detail-bin"));
    }

    [Fact]
    public async Task Unary_Deadline_DeadlineExceeded()
    {
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.UnaryAsync(new EchoRequest { DelayMs = 10_000 }, deadline: DateTime.UtcNow.AddMilliseconds(300)));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ServerStream_ClientCancels_ServerSeesCancellation()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Client.ServerStream(new EchoRequest { Count = 1, DelayMs = 10_000 }, cancellationToken: cancellation.Token);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("CANCELLED ServerStream", await node.WaitForLineAsync("CANCELLED", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Unary_UnknownMethod_Unimplemented()
    {
        var marshaller = Marshallers.Create<EchoRequest>(r => r.ToByteArray(), EchoRequest.Parser.ParseFrom);
        var method = new Method<EchoRequest, EchoRequest>(MethodType.Unary, "perffleet.testing.Echo", "NoSuchMethod", marshaller, marshaller);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await node.Channel.CreateCallInvoker().AsyncUnaryCall(method, null, default, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    public sealed class NodeServer : IAsyncLifetime
    {
        private readonly List<string> lines = [];
        private Process process = null!;

        public GrpcChannel Channel { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            process = NodeInterop.Start("server.js");
            var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    ready.TrySetException(new InvalidOperationException("server.js exited before listening."));
                    return;
                }

                lock (lines)
                {
                    lines.Add(e.Data);
                }

                if (e.Data.StartsWith("LISTENING ", StringComparison.Ordinal))
                {
                    ready.TrySetResult(int.Parse(e.Data["LISTENING ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                }
            };
            process.BeginOutputReadLine();
            var port = await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        }

        public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                lock (lines)
                {
                    var line = lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                    if (line is not null)
                    {
                        return line;
                    }
                }

                await Task.Delay(50);
            }

            throw new TimeoutException($"server.js printed no line starting with \"{prefix}\" within {timeout}.");
        }

        public async Task DisposeAsync()
        {
            Channel?.Dispose();

            // Closing stdin asks server.js to shut down; kill it if it does not.
            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }
}
