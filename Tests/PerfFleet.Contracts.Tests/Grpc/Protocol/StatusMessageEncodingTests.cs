using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Tests.Grpc.Protocol;

public sealed class StatusMessageEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("ü", "%C3%BC")]
    public void Encode_Message_PercentEncodesOutsidePrintableAscii(string message, string expected)
    {
        Assert.Equal(expected, StatusMessageEncoding.Encode(message));
    }

    [Theory]
    [InlineData("rate — ünïcode 100%\r\n")]
    [InlineData("")]
    public void Decode_EncodedMessage_RoundTrips(string message)
    {
        Assert.Equal(message, StatusMessageEncoding.Decode(StatusMessageEncoding.Encode(message)));
    }

    [Fact]
    public void Decode_MalformedEscape_KeptAsIs()
    {
        Assert.Equal("50%zz done %", StatusMessageEncoding.Decode("50%zz done %"));
    }
}
