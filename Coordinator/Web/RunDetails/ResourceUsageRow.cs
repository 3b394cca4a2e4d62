namespace PerfFleet.Coordinator.Web.RunDetails;

/// <summary>
/// One container's (or process's) use of one resource over the window: median and peak of this
/// run, and the baseline's median for the same container when the baseline recorded it.
/// ChangePercent: the median's change from the baseline's, or the comparison's estimate where it judged the container.
/// NotJudged: the scenario lists the container under <c>resources.ignore</c>, so no verdict is made for it.
/// </summary>
internal sealed record ResourceUsageRow(string Container, string Resource, string Unit, double Median, double Peak, int Samples, double? BaselineMedian, double? ChangePercent, bool NotJudged);
