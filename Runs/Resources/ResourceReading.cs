namespace PerfFleet.Runs.Resources;

/// <summary>One reading of one container or process group: CPU seconds used so far and bytes of memory in use.</summary>
public sealed record ResourceReading(string Name, double CpuSeconds, long MemoryBytes);
