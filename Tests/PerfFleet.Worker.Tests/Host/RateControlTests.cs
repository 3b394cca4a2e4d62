using System.Globalization;
using PerfFleet.LoadEngine.Plans;
using PerfFleet.LoadEngine.Running;
using PerfFleet.Runs.Load;
using PerfFleet.Worker.Service;
using PerfFleet.Worker.Tests.Support;
using PerfFleet.Testing.Net;

namespace PerfFleet.Worker.Tests.Host;

/// <summary>
/// Worker.Update reaches the load engine through <see cref="RateControl"/>. The target is a closed
/// loopback port: every request fails at once, which leaves the run's timeline (what is under test) intact.
/// </summary>
public sealed class RateControlTests
{
    [Fact]
    public async Task Change_WhileTheEngineRuns_ExtendsTheMeasuredWindowAndChangesTheRate()
    {
        var control = new RateControl();
        var runner = new LoadRunner();
        control.Attach(runner);
        var plan = new LoadPlan { Targets = [ClosedPortUrl()], Rate = 20, Duration = TimeSpan.FromSeconds(3) };

        var run = runner.RunAsync(plan, null, CancellationToken.None);
        // The change is applied once the engine runs: on a machine busy with the rest of the suite
        // that can take longer than a fixed wait, so ask until it takes (well inside the 3 s window).
        var applied = false;
        for (var asked = 0; !applied && asked < 100 && !run.IsCompleted; asked++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            applied = control.Change(40, TimeSpan.FromSeconds(4));
        }

        var result = await run;

        Assert.True(applied);
        Assert.Equal((40d, TimeSpan.FromSeconds(4)), (control.Rate, control.Duration));
        Assert.InRange((result.WindowEnd - result.WindowStart).TotalSeconds, 3.9, 4.3);
        Assert.True(result.RequestedRate > 30, $"requested rate {result.RequestedRate}");
    }

    [Fact]
    public void Change_BeforeTheEngineRuns_IsKeptForThePlan()
    {
        var control = new RateControl();

        var applied = control.Change(70, TimeSpan.FromSeconds(6));
        var rateOnly = control.Change(80, null);

        Assert.False(applied);
        Assert.False(rateOnly);
        Assert.Equal((80d, TimeSpan.FromSeconds(6)), (control.Rate, control.Duration));
    }

    private static string ClosedPortUrl() => "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
