namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>A coordinator's /readyz answer: database ready, leader or not, the leadership epoch.</summary>
public sealed record CoordinatorReadiness(bool Ready, bool Leader, long Epoch);
