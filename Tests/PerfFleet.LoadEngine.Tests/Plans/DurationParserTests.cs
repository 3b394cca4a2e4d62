using PerfFleet.LoadEngine.Plans;

namespace PerfFleet.LoadEngine.Tests.Plans;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m", 60_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData(" 2s ", 2_000)]
    [InlineData("0", 0)]
    public void Parse_ValidText_GivesDuration(string text, long milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), DurationParser.Parse(text, "duration"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ten seconds")]
    [InlineData("10x")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("1m30")]
    [InlineData(null)]
    public void Parse_BadText_ThrowsNamingTheField(string? text)
    {
        var error = Assert.Throws<LoadPlanException>(() => DurationParser.Parse(text, "warmup"));

        Assert.Equal("warmup", error.Field);
        Assert.StartsWith("warmup: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1m30s")]
    [InlineData("500ms")]
    [InlineData("2h")]
    public void Format_ParsedDuration_RoundTrips(string text)
    {
        Assert.Equal(text, DurationParser.Format(DurationParser.Parse(text, "d")));
    }
}
