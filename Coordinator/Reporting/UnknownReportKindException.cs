namespace PerfFleet.Coordinator.Reporting;

public sealed class UnknownReportKindException : Exception
{
    public UnknownReportKindException()
    {
    }

    public UnknownReportKindException(string message)
        : base(message)
    {
    }

    public UnknownReportKindException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
