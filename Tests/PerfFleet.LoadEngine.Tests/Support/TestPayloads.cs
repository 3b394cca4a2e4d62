using System.Text;
using PerfFleet.LoadEngine.Payloads;

namespace PerfFleet.LoadEngine.Tests.Support;

internal static class TestPayloads
{
    public static PayloadRequest Get(string path, string? name = null) => new() { PathAndQuery = path, Name = name };

    public static PayloadRequest Post(string path, string body, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Method = "POST",
        PathAndQuery = path,
        Body = Encoding.UTF8.GetBytes(body),
        Headers = headers ?? new Dictionary<string, string>(),
    };

    public static PayloadSource Of(params PayloadRequest[] requests) => new PayloadSource.InMemory(requests);
}
