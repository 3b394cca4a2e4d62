namespace PerfFleet.Coordinator.Webhooks;

/// <summary>The JSON body of a 2xx webhook answer, shown in GitHub's "Recent Deliveries".</summary>
public sealed record WebhookAnswer(string Delivery, string Outcome, string Reason, int Tests);
