namespace PerfFleet.Contracts.Scenarios;

/// <summary>The words for <see cref="StageShape"/>: the scenario file's <c>shape:</c> and the results' <c>LoadStageStats.shape</c> use the same ones.</summary>
public static class StageShapeNames
{
    public const string Ramp = "ramp";
    public const string Step = "step";

    public static string Of(StageShape shape) => shape == StageShape.Step ? Step : Ramp;

    /// <summary>The shape a word names, or null for any other word.</summary>
    public static StageShape? Parse(string name) => name switch
    {
        Ramp => StageShape.Ramp,
        Step => StageShape.Step,
        _ => null,
    };
}
