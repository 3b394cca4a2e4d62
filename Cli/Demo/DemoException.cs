namespace PerfFleet.Cli.Demo;

/// <summary>A demo step that cannot go on, with what to do about it.</summary>
public sealed class DemoException(string message, Exception? inner = null) : Exception(message, inner);
