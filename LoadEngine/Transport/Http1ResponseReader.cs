using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// An incremental HTTP/1.1 response parser: fed whatever bytes arrived, it consumes what it can and
/// says when the response is complete. Handles Content-Length, chunked bodies with trailers,
/// bodies delimited by the connection's close, 1xx interim answers, HEAD/204/304 without body.
/// Body bytes are counted and skipped, never copied.
/// </summary>
internal sealed class Http1ResponseReader
{
    private State _state;
    private bool _isHead;
    private long _remaining;

    private enum State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
    }

    public int StatusCode { get; private set; }

    public bool KeepAlive { get; private set; }

    public bool IsComplete => _state == State.Done;

    /// <summary>True when the body runs to the end of the connection, so EOF completes it.</summary>
    public bool EndsAtClose => _state == State.UntilClose;

    public void Reset(bool isHead)
    {
        _state = State.Head;
        _isHead = isHead;
        _remaining = 0;
        StatusCode = 0;
        KeepAlive = true;
    }

    public void CompleteAtClose() => _state = State.Done;

    /// <summary>Consumes bytes from <paramref name="data"/>; returns how many. Throws <see cref="FormatException"/> on invalid HTTP.</summary>
    public int Advance(ReadOnlySpan<byte> data)
    {
        var position = 0;
        while (position < data.Length && _state != State.Done)
        {
            var rest = data[position..];
            switch (_state)
            {
                case State.Head:
                    var headEnd = rest.IndexOf("\r\n\r\n"u8);
                    if (headEnd < 0)
                    {
                        return position;
                    }

                    ParseHead(rest[..(headEnd + 2)]);
                    position += headEnd + 4;
                    break;
                case State.Body:
                case State.ChunkData:
                    var take = (int)Math.Min(_remaining, rest.Length);
                    position += take;
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        _state = _state == State.Body ? State.Done : State.ChunkDataEnd;
                        _remaining = 2;
                    }

                    break;
                case State.ChunkDataEnd:
                    var crlf = (int)Math.Min(_remaining, rest.Length);
                    position += crlf;
                    _remaining -= crlf;
                    if (_remaining == 0)
                    {
                        _state = State.ChunkSize;
                    }

                    break;
                case State.ChunkSize:
                    var lineEnd = rest.IndexOf("\r\n"u8);
                    if (lineEnd < 0)
                    {
                        return position;
                    }

                    var sizeText = rest[..lineEnd];
                    var extension = sizeText.IndexOf((byte)';');
                    if (extension >= 0)
                    {
                        sizeText = sizeText[..extension];
                    }

                    if (!Utf8Parser.TryParse(sizeText.Trim((byte)' '), out long size, out var used, 'x') || used != sizeText.Trim((byte)' ').Length || size < 0)
                    {
                        throw new FormatException("invalid chunk size");
                    }

                    position += lineEnd + 2;
                    _remaining = size;
                    _state = size == 0 ? State.Trailers : State.ChunkData;
                    break;
                case State.Trailers:
                    var trailerEnd = rest.IndexOf("\r\n"u8);
                    if (trailerEnd < 0)
                    {
                        return position;
                    }

                    position += trailerEnd + 2;
                    if (trailerEnd == 0)
                    {
                        _state = State.Done;
                    }

                    break;
                case State.UntilClose:
                    return data.Length;
                default:
                    return position;
            }
        }

        return position;
    }

    private void ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK\r\n" then "Name: value\r\n" lines.
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || head[8] != (byte)' ' || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out var used) || used != 3)
        {
            throw new FormatException("invalid status line");
        }

        StatusCode = status;
        KeepAlive = head[7] == (byte)'1';
        long contentLength = -1;
        var chunked = false;
        var lineStart = head.IndexOf("\r\n"u8) + 2;
        while (lineStart < head.Length)
        {
            var line = head[lineStart..];
            var end = line.IndexOf("\r\n"u8);
            line = line[..end];
            lineStart += end + 2;
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new FormatException("invalid header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out var n) || n != value.Length || contentLength < 0)
                {
                    throw new FormatException("invalid Content-Length");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = Encoding.ASCII.GetString(value).Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                var connection = Encoding.ASCII.GetString(value);
                KeepAlive = connection.Contains("close", StringComparison.OrdinalIgnoreCase) ? false : KeepAlive || connection.Contains("keep-alive", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (status is >= 100 and < 200 && status != 101)
        {
            _state = State.Head; // interim answer (100 Continue): the real one follows
            return;
        }

        if (_isHead || status is 204 or 304)
        {
            _state = State.Done;
        }
        else if (chunked)
        {
            _state = State.ChunkSize;
        }
        else if (contentLength >= 0)
        {
            _remaining = contentLength;
            _state = contentLength == 0 ? State.Done : State.Body;
        }
        else
        {
            _state = State.UntilClose;
            KeepAlive = false;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_state} status={StatusCode}");
}
