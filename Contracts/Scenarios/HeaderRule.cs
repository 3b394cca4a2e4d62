namespace PerfFleet.Contracts.Scenarios;

/// <summary>Headers to set and remove on requests whose path matches the regular expression <paramref name="Match"/>.</summary>
public sealed record HeaderRule(string Match, IReadOnlyDictionary<string, string> Set, IReadOnlyList<string> Remove);
