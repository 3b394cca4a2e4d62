using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Event}) for unregistered repository {Repository}: ignored")]
    public static partial void UnregisteredRepository(ILogger logger, string deliveryId, string @event, string repository);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Event}) for {Repository} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string deliveryId, string @event, string repository, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Event}) for {Repository}: {Reason}")]
    public static partial void Ignored(ILogger logger, string deliveryId, string @event, string repository, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Event}) for {Repository}: {Count} test(s) scheduled, {Reason}")]
    public static partial void Scheduled(ILogger logger, string deliveryId, string @event, string repository, int count, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} was already processed: nothing new")]
    public static partial void Redelivery(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: could not resolve the head of pull request #{Number} of {Repository}")]
    public static partial void HeadUnresolved(ILogger logger, Exception exception, string deliveryId, int number, string repository);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Webhook request rejected before parsing: {Reason}")]
    public static partial void Rejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the older runs of pull request #{Number} of {Repository} could not be stopped: {Reason}")]
    public static partial void NotSuperseded(ILogger logger, string deliveryId, int number, string repository, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} ({Event}) for {Repository}: {Reason}")]
    public static partial void Stopped(ILogger logger, string deliveryId, string @event, string repository, string reason);
}
