using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Tests.Grpc.Protocol;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 3600_000)]
    [InlineData("2M", 120_000)]
    [InlineData("3S", 3000)]
    [InlineData("250m", 250)]
    [InlineData("1500u", 1.5)]
    [InlineData("2000000n", 2)]
    [InlineData("99999999m", 99_999_999)]
    public void TryParse_ValidValue_ReturnsTimeout(string text, double milliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    [InlineData(" 5S")]
    public void TryParse_InvalidValue_ReturnsFalse(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Theory]
    [InlineData(250, "250000u")]
    [InlineData(120_000, "120000m")]
    [InlineData(0, "1u")]
    public void Format_Timeout_UsesMostPreciseUnitThatFits(double milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_HugeTimeout_StaysWithinEightDigits()
    {
        var text = GrpcTimeout.Format(TimeSpan.FromDays(365 * 100));

        Assert.True(text.Length <= 9, text);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed));
        Assert.True(parsed >= TimeSpan.FromDays(365 * 100));
    }
}
