namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// No token for the repository (its own, the configured one, or a GitHub App's): GitHub refuses
/// anonymous statuses and comments, so no retry can help and the report is not sent at all.
/// </summary>
public sealed class NoGitHubCredentialsException : Exception
{
    public const string Reason = "not reported: no GitHub credentials";

    public NoGitHubCredentialsException()
        : base(Reason)
    {
    }

    public NoGitHubCredentialsException(string message)
        : base(message)
    {
    }

    public NoGitHubCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
