using System.Globalization;

namespace PerfFleet.Coordinator.Web.History;

/// <summary>A step's change as people read it: "+12.3 %", "-8.0 %".</summary>
internal static class StepText
{
    public static string Change(double percent) =>
        double.IsInfinity(percent) ? (percent > 0 ? "+∞ %" : "-∞ %") : percent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}
