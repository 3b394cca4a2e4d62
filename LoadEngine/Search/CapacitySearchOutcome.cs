namespace PerfFleet.LoadEngine.Search;

/// <summary>How a capacity search ended, and so how to read its knee.</summary>
public enum CapacitySearchOutcome
{
    /// <summary>The knee passed and the lowest failing rate is within the tolerance above it.</summary>
    Bracketed,

    /// <summary>The top of the range passed: the system sustains at least that much (the knee is a lower bound).</summary>
    AtLeastTo,

    /// <summary>The bottom of the range already failed: there is no knee in the range.</summary>
    FromFails,

    /// <summary>The probe budget ran out before the knee was bracketed: the knee is the highest passing rate seen.</summary>
    StepsRanOut,
}
