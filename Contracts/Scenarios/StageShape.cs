namespace PerfFleet.Contracts.Scenarios;

/// <summary>How a stage reaches its rate from the previous stage's.</summary>
public enum StageShape
{
    /// <summary>The rate moves linearly from the previous stage's rate to this one's over the stage (k6's ramping arrival rate).</summary>
    Ramp,

    /// <summary>The rate jumps to this stage's rate at the stage's start and holds it (a step, e.g. to find a rate limiter's edge).</summary>
    Step,
}
