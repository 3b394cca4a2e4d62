using System.Text;
using PerfFleet.LoadEngine.Payloads;

namespace PerfFleet.LoadEngine.Tests.Payloads;

public sealed class PayloadReaderTests
{
    [Fact]
    public async Task ReadAsync_ValidLines_GivesRequests()
    {
        var text = """
            {"method":"POST","path":"/orders?x=1","headers":{"X-A":"1"},"body":"aGVsbG8=","name":"create order","timeout":"250ms"}

            # a comment
            {"url":"http://example.invalid/users/42"}
            """;

        var requests = await PayloadReader.ReadAsync(new StringReader(text), "test", CancellationToken.None);

        Assert.Equal(2, requests.Count);
        Assert.Equal("POST", requests[0].Method);
        Assert.Equal("/orders?x=1", requests[0].PathAndQuery);
        Assert.Equal("1", requests[0].Headers["X-A"]);
        Assert.Equal("hello", Encoding.ASCII.GetString(requests[0].Body.Span));
        Assert.Equal("create order", requests[0].Name);
        Assert.Equal(TimeSpan.FromMilliseconds(250), requests[0].Timeout);
        Assert.Equal("GET", requests[1].Method);
        Assert.Equal("/users/42", requests[1].PathAndQuery);
    }

    [Fact]
    public async Task ReadAsync_MalformedLines_ReportsEveryLineNumber()
    {
        var text = string.Join('\n',
            """{"path":"/ok"}""",
            """{"path":"/bad json" """,
            """{"method":"GET"}""",
            """{"path":"/x","body":"***"}""",
            """{"path":"/y","heders":{}}""",
            """{"path":"no-slash"}""",
            """{"path":"/z","headers":{"A":1}}""",
            """[1,2]""",
            """{"path":"/t","timeout":"soon"}""",
            """{"path":"/t","timeout":"0ms"}""");

        var error = await Assert.ThrowsAsync<PayloadFormatException>(() => PayloadReader.ReadAsync(new StringReader(text), "requests.jsonl", CancellationToken.None));

        Assert.Equal([2, 3, 4, 5, 6, 7, 8, 9, 10], error.Errors.Select(e => e.LineNumber));
        Assert.Contains("timeout: must be more than 0, got \"0ms\"", error.Errors[8].Message, StringComparison.Ordinal);
        Assert.Contains("requests.jsonl", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4: \"body\" is not valid base64", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown field \"heders\"", error.Errors[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyFile_Throws()
    {
        await Assert.ThrowsAsync<PayloadFormatException>(() => PayloadReader.ReadAsync(new StringReader("\n\n"), "empty", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_LocalFile_ReadsIt()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{\"path\":\"/a\"}\n{\"path\":\"/b\"}\n");

            var requests = await PayloadReader.ReadAsync(new PayloadSource.File(path), CancellationToken.None);

            Assert.Equal(["/a", "/b"], requests.Select(r => r.PathAndQuery));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ReadAsync_MissingFile_ThrowsNamingThePath()
    {
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => PayloadReader.ReadAsync(new PayloadSource.File("/nonexistent/requests.jsonl"), CancellationToken.None));

        Assert.Contains("/nonexistent/requests.jsonl", error.Message, StringComparison.Ordinal);
    }
}
