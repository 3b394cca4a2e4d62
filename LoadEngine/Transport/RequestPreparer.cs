using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PerfFleet.LoadEngine.Payloads;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>Turns payloads into <see cref="PreparedRequest"/>s for one target: header rules, framing, serialization.</summary>
internal sealed class RequestPreparer
{
    // The transport owns the message framing; a payload's copy of these would corrupt it.
    private static readonly HashSet<string> FramingHeaders = new(StringComparer.OrdinalIgnoreCase) { "Content-Length", "Transfer-Encoding", "Connection", "Host" };

    private readonly LoadPlan _plan;
    private readonly (Regex Match, HeaderRule Rule)[] _rules;

    public RequestPreparer(LoadPlan plan)
    {
        _plan = plan;
        _rules = [.. plan.HeaderRules.Select((rule, i) => (rule.Compile($"headers[{i}].match"), rule))];
    }

    /// <summary>The headers a payload gets after the rules whose regex matches its path (without the query).</summary>
    public List<KeyValuePair<string, string>> ApplyRules(PayloadRequest payload)
    {
        var headers = new Dictionary<string, string>(payload.Headers, StringComparer.OrdinalIgnoreCase);
        var path = payload.PathAndQuery.Split('?', 2)[0];
        foreach (var (match, rule) in _rules)
        {
            if (!match.IsMatch(path))
            {
                continue;
            }

            foreach (var (name, value) in rule.Set ?? new Dictionary<string, string>())
            {
                headers[name] = value;
            }

            foreach (var name in rule.Remove ?? [])
            {
                headers.Remove(name);
            }
        }

        return [.. headers.Where(h => !FramingHeaders.Contains(h.Key))];
    }

    public PreparedRequest Prepare(Uri target, PayloadRequest payload, int endpointIndex)
    {
        var headers = ApplyRules(payload);
        var body = _plan.Protocol == LoadProtocol.Grpc ? GrpcFrame(payload.Body) : payload.Body;
        if (_plan.Protocol == LoadProtocol.Grpc)
        {
            headers.RemoveAll(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) || h.Key.Equals("TE", StringComparison.OrdinalIgnoreCase));
            headers.Add(new("Content-Type", "application/grpc"));
            headers.Add(new("TE", "trailers"));
        }

        var basePath = target.AbsolutePath.TrimEnd('/');
        var uri = new Uri(target, basePath + payload.PathAndQuery);
        var timeout = payload.Timeout ?? _plan.Timeout;
        return new PreparedRequest
        {
            EndpointIndex = endpointIndex,
            Method = new HttpMethod(payload.Method),
            Uri = uri,
            Headers = headers,
            Body = body,
            Http1Bytes = SerializeHttp1(payload.Method, uri, headers, body),
            TimeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency),
        };
    }

    /// <summary>gRPC's length-prefixed message: 1 byte compressed flag (0), 4 bytes big-endian length, the message.</summary>
    internal static byte[] GrpcFrame(ReadOnlyMemory<byte> message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.Span.CopyTo(frame.AsSpan(5));
        return frame;
    }

    private static byte[] SerializeHttp1(string method, Uri uri, List<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body)
    {
        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(uri.PathAndQuery).Append(" HTTP/1.1\r\n");
        head.Append("Host: ").Append(uri.Authority).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (body.Length > 0 || method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        var bytes = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(bytes, 0);
        body.Span.CopyTo(bytes.AsSpan(headBytes.Length));
        return bytes;
    }
}
