namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>Answer the next request matching method and path prefix with this status and headers instead.</summary>
public sealed record ScriptedFailure(string Method, string PathPrefix, int Status, IReadOnlyDictionary<string, string> Headers);
