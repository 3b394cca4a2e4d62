using PerfFleet.Cli.Output;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Output;

public sealed class TestDetailsRendererTests
{
    [Fact]
    public void WriteComparison_BaselineWithoutCommit_NamesNoEmptyCommit()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-16880b454f27", Alpha = 0.01, Verdict = Verdict.Unchanged });

        Assert.Contains("baseline local-16880b454f27, alpha 0.01", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_BaselineWithCommit_NamesItsShortCommit()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-1", BaselineCommit = "0123456789abcdef0123", Alpha = 0.01 });

        Assert.Contains("baseline local-1 at 0123456789ab, alpha 0.01", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteComparison_Noisy_WarnsInWords()
    {
        var text = Render(new Contracts.V1.Comparison { BaselineTestId = "local-1", Noise = "the load generator fell behind (a busy machine)" });

        Assert.Contains("warning: the load generator fell behind (a busy machine)", text, StringComparison.Ordinal);
    }

    private static string Render(Contracts.V1.Comparison comparison)
    {
        using var writer = new StringWriter();
        TestDetailsRenderer.WriteComparison(ConsoleFactory.Create(writer, interactive: false), "Comparison", comparison);
        return writer.ToString();
    }
}
