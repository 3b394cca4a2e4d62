using PerfFleet.LoadEngine.Histograms;

namespace PerfFleet.LoadEngine.Stats;

/// <summary>
/// Counters and histograms for one (target, endpoint) slice of a run, shared by all the
/// connections of that target. Lock-free (Interlocked) because the hot loop records into it on
/// every response; the histograms are fixed-size, so memory does not grow with the run's length.
/// </summary>
internal sealed class StatsRecorder
{
    private const int StatusCodeSlots = 600;

    private readonly long[] _statusCodes = new long[StatusCodeSlots];
    private readonly long[] _errorKinds = new long[ErrorKinds.Count];
    private long _requests;
    private long _responses;
    private long _errors;
    private long _late;
    private long _dropped;
    private long _generatorLate;
    private long _bytesSent;
    private long _bytesReceived;

    public LatencyHistogram Intended { get; } = new();

    public LatencyHistogram Service { get; } = new();

    /// <summary>The open model's own lateness: from when a request could go out to when it did.</summary>
    public LatencyHistogram GeneratorLateness { get; } = new();

    public long Requests => Volatile.Read(ref _requests);

    public long Errors => Volatile.Read(ref _errors);

    public void RecordResponse(int statusCode, long intendedMicros, long serviceMicros, long bytesSent, long bytesReceived, bool late, ErrorKind? error)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref _responses);
        Interlocked.Add(ref _bytesSent, bytesSent);
        Interlocked.Add(ref _bytesReceived, bytesReceived);
        Interlocked.Increment(ref _statusCodes[(uint)statusCode < StatusCodeSlots ? statusCode : 0]);
        if (late)
        {
            Interlocked.Increment(ref _late);
        }

        if (error is { } kind)
        {
            Interlocked.Increment(ref _errors);
            Interlocked.Increment(ref _errorKinds[(int)kind]);
        }

        Intended.Record(intendedMicros);
        Service.Record(serviceMicros);
    }

    public void RecordFailure(ErrorKind kind, long bytesSent, bool late)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _bytesSent, bytesSent);
        Interlocked.Increment(ref _errors);
        Interlocked.Increment(ref _errorKinds[(int)kind]);
        if (late)
        {
            Interlocked.Increment(ref _late);
        }
    }

    public void RecordGeneratorLateness(long micros, bool late)
    {
        GeneratorLateness.Record(micros);
        if (late)
        {
            Interlocked.Increment(ref _generatorLate);
        }
    }

    public void RecordDropped(long count) => Interlocked.Add(ref _dropped, count);

    /// <summary>Adds this slice into <paramref name="into"/> (for per-target, per-endpoint and total views).</summary>
    public void AddTo(LoadStatsBuilder into)
    {
        into.Requests += Requests;
        into.Responses += Volatile.Read(ref _responses);
        into.Errors += Errors;
        into.Late += Volatile.Read(ref _late);
        into.Dropped += Volatile.Read(ref _dropped);
        into.GeneratorLate += Volatile.Read(ref _generatorLate);
        into.BytesSent += Volatile.Read(ref _bytesSent);
        into.BytesReceived += Volatile.Read(ref _bytesReceived);
        for (var code = 0; code < StatusCodeSlots; code++)
        {
            var count = Volatile.Read(ref _statusCodes[code]);
            if (count > 0)
            {
                into.StatusCodes[code] = into.StatusCodes.GetValueOrDefault(code) + count;
            }
        }

        for (var kind = 0; kind < _errorKinds.Length; kind++)
        {
            var count = Volatile.Read(ref _errorKinds[kind]);
            if (count > 0)
            {
                var name = ErrorKinds.Name((ErrorKind)kind);
                into.ErrorsByKind[name] = into.ErrorsByKind.GetValueOrDefault(name) + count;
            }
        }

        into.Intended.Merge(Intended);
        into.Service.Merge(Service);
        into.GeneratorLateness.Merge(GeneratorLateness);
    }
}
