using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PerfFleet.LoadEngine.Tests.Support;

/// <summary>
/// A real Kestrel server on free loopback ports (HTTP/1.1 and h2c) that the engine drives:
/// "/delay?ms=N" answers after N ms, "/status/N" answers N, gRPC calls echo their message;
/// <see cref="StallFor"/> holds every request that arrives during the stall until it ends (a GC pause).
/// Every request is counted per path, and recorded in full when <see cref="RecordRequests"/> is set.
/// </summary>
public sealed class TestTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _stallUntilTicks;

    private TestTarget(WebApplication app) => _app = app;

    public bool RecordRequests { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, int> CountByPath { get; } = new();

    public string Http1Url { get; private set; } = string.Empty;

    public string Http2Url { get; private set; } = string.Empty;

    public int TotalCount => CountByPath.Values.Sum();

    public static async Task<TestTarget> StartAsync()
    {
        TestTarget? target = null;
        var (app, urls) = await LoopbackKestrel.StartAsync(context => target!.HandleAsync(context), HttpProtocols.Http1, HttpProtocols.Http2);
        target = new TestTarget(app) { Http1Url = urls[0], Http2Url = urls[1] };
        return target;
    }

    /// <summary>From now, every request waits until <paramref name="duration"/> has passed.</summary>
    public void StallFor(TimeSpan duration) => Interlocked.Exchange(ref _stallUntilTicks, System.Diagnostics.Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency));

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var pathAndQuery = request.Path + request.QueryString;
        CountByPath.AddOrUpdate(request.Path.Value ?? "/", 1, (_, n) => n + 1);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (RecordRequests)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new RecordedRequest(context.Connection.LocalPort, request.Method, pathAndQuery, headers, body.ToArray()));
        }

        var stallLeft = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), Interlocked.Read(ref _stallUntilTicks));
        if (stallLeft > TimeSpan.Zero)
        {
            await Task.Delay(stallLeft, context.RequestAborted);
        }

        if (request.ContentType == "application/grpc")
        {
            await AnswerGrpcAsync(context, body.ToArray());
            return;
        }

        if (request.Path.StartsWithSegments("/delay") && int.TryParse(request.Query["ms"], CultureInfo.InvariantCulture, out var ms))
        {
            await Task.Delay(ms, context.RequestAborted);
        }

        if (request.Path.StartsWithSegments("/status", out var rest) && int.TryParse(rest.Value?.Trim('/'), CultureInfo.InvariantCulture, out var status))
        {
            context.Response.StatusCode = status;
        }

        context.Response.ContentLength = 2;
        await context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted);
    }

    /// <summary>Echoes the gRPC message; the "x-grpc-status" request header chooses the status.</summary>
    private static async Task AnswerGrpcAsync(HttpContext context, byte[] frame)
    {
        var length = frame.Length >= 5 ? BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)) : uint.MaxValue;
        var status = frame.Length >= 5 && frame[0] == 0 && length == frame.Length - 5
            ? context.Request.Headers["x-grpc-status"].FirstOrDefault() ?? "0"
            : "13"; // INTERNAL: the request was not one well-framed message
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(frame, context.RequestAborted);
        context.Response.AppendTrailer("grpc-status", status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
