namespace PerfFleet.Coordinator.Webhooks;

/// <summary>The payload lacks a field its declared event always has; the message names the field.</summary>
public sealed class MalformedPayloadException(string message) : Exception(message)
{
    public MalformedPayloadException()
        : this("malformed payload")
    {
    }

    public MalformedPayloadException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
