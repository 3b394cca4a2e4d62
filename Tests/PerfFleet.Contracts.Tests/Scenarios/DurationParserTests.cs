using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("0", 0)]
    [InlineData(" 5s ", 5_000)]
    public void Parse_ValidDuration_ReturnsMilliseconds(string text, long expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), DurationParser.Parse(text));
    }

    [Fact]
    public void Parse_Microseconds_GivesSubMillisecondDuration()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(1_250), DurationParser.Parse("1ms250us"));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("10", "lacks a unit")]
    [InlineData("-5s", "negative")]
    [InlineData("5d", "unknown unit \"d\"")]
    [InlineData("1s1m", "misorders")]
    [InlineData("1s1s", "repeats")]
    [InlineData("s", "not a duration")]
    [InlineData("1..2s", "invalid number")]
    [InlineData("99999999999999999999h", "too long")]
    public void TryParse_InvalidDuration_ExplainsWhy(string text, string expected)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(90_000, "1m30s")]
    [InlineData(500, "500ms")]
    [InlineData(0, "0")]
    [InlineData(3_723_004, "1h2m3s4ms")]
    public void Format_RoundTripsThroughParse(long ms, string expected)
    {
        var value = TimeSpan.FromMilliseconds(ms);
        Assert.Equal(expected, DurationParser.Format(value));
        Assert.Equal(value, DurationParser.Parse(DurationParser.Format(value)));
    }
}
