namespace PerfFleet.LoadEngine;

/// <summary>Placeholder until the engine lands.</summary>
public static class EngineInfo
{
    public const string Name = "perffleet-loadengine";
}
