namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>One request the fake GitHub received, as it arrived.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body, string? UserAgent, string? ApiVersion = null);
