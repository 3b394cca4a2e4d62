namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Where <see cref="Match"/> (a regular expression) matches a request's path, set the headers in
/// <see cref="Set"/> and remove those named in <see cref="Remove"/>. Rules apply in order. The
/// scenario file and the load engine share this one type.
/// </summary>
public sealed record HeaderRule(string Match, IReadOnlyDictionary<string, string>? Set = null, IReadOnlyList<string>? Remove = null);
