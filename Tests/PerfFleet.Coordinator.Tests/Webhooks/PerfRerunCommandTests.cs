using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Webhooks;

public sealed class PerfRerunCommandTests
{
    [Theory]
    [InlineData("/perf rerun", null)]
    [InlineData("  /perf   rerun  \n", null)]
    [InlineData("/perf rerun checkout", "checkout")]
    [InlineData("/perf rerun api-v2.slow_path", "api-v2.slow_path")]
    public void TryParse_Command_IsRecognised(string body, string? scenario)
    {
        Assert.True(PerfRerunCommand.TryParse(body, out var parsed));
        Assert.Equal(scenario, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("please /perf rerun")]
    [InlineData("/perf rerun api checkout")]
    [InlineData("/perf rerunapi")]
    [InlineData("/perf rerun $(rm -rf /)")]
    [InlineData("/PERF RERUN")]
    public void TryParse_OtherText_IsNotACommand(string body)
    {
        Assert.False(PerfRerunCommand.TryParse(body, out _));
    }
}
