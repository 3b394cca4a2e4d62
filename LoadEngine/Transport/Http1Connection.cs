using System.Net;
using System.Net.Sockets;
using PerfFleet.LoadEngine.Stats;

namespace PerfFleet.LoadEngine.Transport;

/// <summary>
/// A hand-rolled HTTP/1.1 keep-alive client connection over a raw socket: one request at a time,
/// no pipelining. SocketsHttpHandler's per-request allocations and pool bookkeeping cost more CPU
/// than the request itself at wrk's rates; here a request is one send of pre-serialized bytes and
/// receives into a reused buffer, with no allocation per request.
/// </summary>
internal sealed class Http1Connection(EndPoint endPoint) : ITransportConnection
{
    private const int BufferSize = 16 * 1024;

    private readonly byte[] _buffer = new byte[BufferSize];
    private readonly Http1ResponseReader _reader = new();
    private readonly CancellationTokenSource _abort = new();
    private Socket? _socket;

    public async ValueTask<TransportResult> SendAsync(PreparedRequest request)
    {
        if (_socket is null)
        {
            var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            _socket = socket;
            try
            {
                await socket.ConnectAsync(endPoint, _abort.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                return TransportResult.Failed(ErrorKind.Connect);
            }
        }

        var sent = 0L;
        try
        {
            var bytes = request.Http1Bytes;
            while (sent < bytes.Length)
            {
                sent += await _socket.SendAsync(bytes[(int)sent..], SocketFlags.None);
            }

            return await ReceiveAsync(_socket, request.IsHead, sent);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            return TransportResult.Failed(ErrorKind.Io, sent);
        }
        catch (FormatException)
        {
            return TransportResult.Failed(ErrorKind.Protocol, sent);
        }
    }

    private async ValueTask<TransportResult> ReceiveAsync(Socket socket, bool isHead, long sent)
    {
        _reader.Reset(isHead);
        int start = 0, end = 0;
        long received = 0;
        while (true)
        {
            if (end == _buffer.Length)
            {
                if (start == 0)
                {
                    throw new FormatException("a response header or chunk line is larger than the buffer");
                }

                _buffer.AsSpan(start, end - start).CopyTo(_buffer);
                end -= start;
                start = 0;
            }

            var n = await socket.ReceiveAsync(_buffer.AsMemory(end), SocketFlags.None);
            if (n == 0)
            {
                if (!_reader.EndsAtClose)
                {
                    return TransportResult.Failed(ErrorKind.Io, sent);
                }

                _reader.CompleteAtClose();
                return new TransportResult(_reader.StatusCode, sent, received, null, false);
            }

            received += n;
            end += n;
            start += _reader.Advance(_buffer.AsSpan(start, end - start));
            if (_reader.IsComplete)
            {
                // Without pipelining nothing may follow the response; if something did, the
                // connection is out of step and must not be reused.
                return new TransportResult(_reader.StatusCode, sent, received, null, _reader.KeepAlive && start == end);
            }

            if (start == end)
            {
                start = end = 0;
            }
        }
    }

    public void Abort()
    {
        _abort.Cancel();
        _socket?.Dispose();
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _abort.Dispose();
    }
}
