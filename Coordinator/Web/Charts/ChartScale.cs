namespace PerfFleet.Coordinator.Web.Charts;

/// <summary>Maps data values to SVG coordinates inside the plot area (SVG's y grows downwards).</summary>
internal sealed record ChartScale(double XMin, double XMax, double YMin, double YMax, double PlotLeft, double PlotRight, double PlotTop, double PlotBottom)
{
    public double X(double value) => PlotLeft + ((value - XMin) / (XMax - XMin) * (PlotRight - PlotLeft));

    public double Y(double value) => PlotBottom - ((value - YMin) / (YMax - YMin) * (PlotBottom - PlotTop));
}
