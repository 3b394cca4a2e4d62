namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// Answer the next request matching method and path prefix with this status, headers and error
/// message instead (or not at all: <see cref="NoAnswer"/>).
/// </summary>
public sealed record ScriptedFailure(string Method, string PathPrefix, int Status, IReadOnlyDictionary<string, string> Headers, string Message)
{
    public const int NoAnswer = 0;
}
