namespace PerfFleet.Contracts.Scenarios;

/// <summary>A service of a <c>local</c> stack: a shell command run as its own process group.</summary>
/// <remarks>
/// <para>Cwd: Working directory relative to the checkout; null = the checkout itself.</para>
/// </remarks>
public sealed record LocalService(string Name, string Run, IReadOnlyDictionary<string, string> Env, string? Cwd);
