namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// A load plan (or one of its inputs) is invalid. <see cref="Field"/> names the field that is wrong,
/// so a caller can report it (gRPC INVALID_ARGUMENT, a CLI error) without parsing the message.
/// </summary>
public sealed class LoadPlanException : Exception
{
    public LoadPlanException()
        : this("plan", "the load plan is invalid")
    {
    }

    public LoadPlanException(string message)
        : this("plan", message)
    {
    }

    public LoadPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "plan";
    }

    public LoadPlanException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
    }

    public LoadPlanException(string field, string message, Exception innerException)
        : base($"{field}: {message}", innerException)
    {
        Field = field;
    }

    /// <summary>The plan field that is wrong, e.g. <c>rate</c>, <c>targets[1]</c>, <c>headers[0].match</c>.</summary>
    public string Field { get; }
}
