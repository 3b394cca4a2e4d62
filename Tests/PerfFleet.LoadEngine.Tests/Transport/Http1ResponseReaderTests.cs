using System.Text;
using PerfFleet.LoadEngine.Transport;

namespace PerfFleet.LoadEngine.Tests.Transport;

public sealed class Http1ResponseReaderTests
{
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, true)]
    [InlineData("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", 404, true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n", 200, true)]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok", 201, false)]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n", 204, true)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, false)]
    public void Advance_ByteByByte_CompletesWithStatus(string response, int status, bool keepAlive)
    {
        var bytes = Encoding.ASCII.GetBytes(response);
        var reader = new Http1ResponseReader();
        reader.Reset(isHead: false);
        var buffer = new List<byte>();
        var consumedTotal = 0;
        foreach (var b in bytes)
        {
            // Feed one byte at a time: every state must cope with data split anywhere.
            buffer.Add(b);
            var consumed = reader.Advance(buffer.ToArray());
            buffer.RemoveRange(0, consumed);
            consumedTotal += consumed;
        }

        Assert.True(reader.IsComplete);
        Assert.Equal(status, reader.StatusCode);
        Assert.Equal(keepAlive, reader.KeepAlive);
        Assert.Equal(bytes.Length, consumedTotal);
    }

    [Fact]
    public void Advance_NoLength_EndsAtClose()
    {
        var reader = new Http1ResponseReader();
        reader.Reset(isHead: false);

        reader.Advance("HTTP/1.1 200 OK\r\n\r\nsome body"u8);

        Assert.True(reader.EndsAtClose);
        Assert.False(reader.KeepAlive);
    }

    [Theory]
    [InlineData("SMTP ready\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    public void Advance_InvalidHttp_ThrowsFormatException(string response)
    {
        var reader = new Http1ResponseReader();
        reader.Reset(isHead: false);

        Assert.Throws<FormatException>(() => reader.Advance(Encoding.ASCII.GetBytes(response)));
    }
}
