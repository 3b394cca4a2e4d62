namespace PerfFleet.Contracts.Errors;

/// <summary>Trailers the coordinator adds to its errors, read by the CLI: one name on both sides of the wire.</summary>
public static class ErrorTrailers
{
    /// <summary>On INVALID_ARGUMENT: the request field that is wrong (e.g. <c>spec.rate</c>).</summary>
    public const string Field = "perffleet-field";
}
