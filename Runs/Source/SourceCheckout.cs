namespace PerfFleet.Runs.Source;

/// <summary>
/// A checked-out commit: its directory, the full SHA it resolved to, and its place on its
/// first-parent history (commits counted from the root, 1 = the root; 0 = unknown), which orders
/// a branch's runs by ancestry.
/// </summary>
public sealed record SourceCheckout(string Directory, string Commit, long FirstParentDepth = 0);
