using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.Tests.Grpc.Interop;

namespace PerfFleet.Bench.Transport;

/// <summary>Drives the server over ONE channel (one HTTP/2 connection: concurrency stays under the stream limit).</summary>
internal static class BenchClient
{
    private const int MessagesPerStream = 100_000;

    public static async Task<int> RunAsync(int port, string mode, int seconds, int concurrency)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new Echo.EchoClient(channel);

        // Warm-up: connection, JIT, server pipelines.
        await RunForAsync(client, mode, TimeSpan.FromSeconds(1), concurrency);
        var watch = Stopwatch.StartNew();
        var count = await RunForAsync(client, mode, TimeSpan.FromSeconds(seconds), concurrency);
        var perSecond = count / watch.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new { client = "perffleet", mode, seconds, concurrency, count, perSecond = Math.Round(perSecond) }));
        return 0;
    }

    private static async Task<long> RunForAsync(Echo.EchoClient client, string mode, TimeSpan duration, int concurrency)
    {
        using var stop = new CancellationTokenSource(duration);
        var loops = Enumerable.Range(0, concurrency).Select(_ => mode switch
        {
            "unary" => UnaryLoopAsync(client, stop.Token),
            "stream" => StreamLoopAsync(client, stop.Token),
            _ => throw new ArgumentException($"Unknown mode \"{mode}\": use unary or stream.", nameof(mode)),
        });
        var counts = await Task.WhenAll(loops);
        return counts.Sum();
    }

    private static async Task<long> UnaryLoopAsync(Echo.EchoClient client, CancellationToken stop)
    {
        var request = new EchoRequest { Message = "bench" };
        long calls = 0;
        while (!stop.IsCancellationRequested)
        {
            await client.UnaryAsync(request, cancellationToken: CancellationToken.None);
            calls++;
        }

        return calls;
    }

    private static async Task<long> StreamLoopAsync(Echo.EchoClient client, CancellationToken stop)
    {
        var request = new EchoRequest { Message = "bench", Count = MessagesPerStream };
        long messages = 0;
        while (!stop.IsCancellationRequested)
        {
            using var call = client.ServerStream(request, cancellationToken: stop);
            try
            {
                while (await call.ResponseStream.MoveNext(CancellationToken.None))
                {
                    messages++;
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                // The measuring window closed in the middle of a stream.
            }
        }

        return messages;
    }
}
