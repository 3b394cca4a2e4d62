namespace PerfFleet.LoadEngine.Tests.Support;

/// <summary>A request as the test target received it.</summary>
public sealed record RecordedRequest(int Port, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);
