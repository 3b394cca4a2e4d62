using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace PerfFleet.LoadEngine.Tests.Support;

/// <summary>
/// A Kestrel server on a free loopback port whose capacity is a known <see cref="Limit"/> requests/s:
/// <see cref="LimitMode.Refuse"/> answers 429 to what a token bucket (rate N, a burst of N / 100) has
/// no token for; <see cref="LimitMode.Queue"/> serves one request per 1/N s in arrival order, so past
/// N a queue builds and every answer waits for its turn, as a saturated service slows down.
/// </summary>
public sealed class LimitedTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly long _interval;
    private readonly double _burst;
    private double _tokens;
    private long _last = Stopwatch.GetTimestamp();
    private long _nextFree;

    private LimitedTarget(WebApplication app, LimitMode mode, double limit)
    {
        _app = app;
        Mode = mode;
        Limit = limit;
        _interval = (long)(Stopwatch.Frequency / limit);
        _burst = Math.Max(1, limit / 100); // 10 ms of tokens: a burst that lets a 2 s window pass well above N would hide the limit
        _tokens = _burst;
    }

    public LimitMode Mode { get; }

    public double Limit { get; }

    public string Url { get; private set; } = string.Empty;

    public static async Task<LimitedTarget> StartAsync(LimitMode mode, double limit)
    {
        LimitedTarget? target = null;
        var (app, urls) = await LoopbackKestrel.StartAsync(context => target!.HandleAsync(context), HttpProtocols.Http1);
        target = new LimitedTarget(app, mode, limit) { Url = urls[0] };
        return target;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (Mode == LimitMode.Refuse && !TryTakeToken())
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        else if (Mode == LimitMode.Queue && WaitForTurn() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, context.RequestAborted);
        }

        context.Response.ContentLength = 2;
        await context.Response.Body.WriteAsync("ok"u8.ToArray(), context.RequestAborted);
    }

    private bool TryTakeToken()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_burst, _tokens + ((double)(now - _last) / Stopwatch.Frequency * Limit));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    /// <summary>Books the next free service slot and says how long until it comes.</summary>
    private TimeSpan WaitForTurn()
    {
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            var start = Math.Max(now, _nextFree);
            _nextFree = start + _interval;
            return Stopwatch.GetElapsedTime(now, start);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public enum LimitMode
{
    Refuse,
    Queue,
}
