using System.Text;
using PerfFleet.Coordinator.Webhooks;

namespace PerfFleet.Coordinator.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    // GitHub's documented test vector ("Validating webhook deliveries").
    private const string VectorSecret = "It's a Secret to Everybody";
    private const string VectorSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    private static readonly byte[] VectorBody = Encoding.UTF8.GetBytes("Hello, World!");

    [Fact]
    public void Compute_GitHubTestVector_MatchesGitHubSignature()
    {
        Assert.Equal(VectorSignature, WebhookSignature.Compute(VectorSecret, VectorBody));
    }

    [Fact]
    public void IsValid_GitHubTestVector_IsTrue()
    {
        Assert.True(WebhookSignature.IsValid(VectorSignature, VectorSecret, VectorBody));
        Assert.True(WebhookSignature.IsValid(VectorSignature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), VectorSecret, VectorBody));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")] // no prefix
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")] // last digit off
    [InlineData("sha256=757107")] // truncated
    public void IsValid_WrongOrMalformedHeader_IsFalse(string? header)
    {
        Assert.False(WebhookSignature.IsValid(header, VectorSecret, VectorBody));
    }

    [Fact]
    public void IsValid_OtherSecretOrOtherBody_IsFalse()
    {
        Assert.False(WebhookSignature.IsValid(VectorSignature, "another secret", VectorBody));
        Assert.False(WebhookSignature.IsValid(VectorSignature, VectorSecret, Encoding.UTF8.GetBytes("Hello, World?")));
    }
}
