using PerfFleet.Contracts.Scenarios;

namespace PerfFleet.Contracts.Tests.Scenarios;

public sealed class VariableSubstitutionTests
{
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["PERFFLEET_PORT_SUT"] = "41234",
        ["PERFFLEET_RUN_ID"] = "r1",
    };

    [Fact]
    public void Apply_KnownVariables_AreReplaced()
    {
        Assert.Equal("http://127.0.0.1:41234/x/r1", VariableSubstitution.Apply("http://127.0.0.1:${PERFFLEET_PORT_SUT}/x/${PERFFLEET_RUN_ID}", Variables));
    }

    [Fact]
    public void Apply_UnknownVariable_ThrowsNamingIt()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => VariableSubstitution.Apply("${PERFFLEET_PORT_DB}", Variables));
        Assert.Contains("${PERFFLEET_PORT_DB}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PERFFLEET_PORT_SUT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_EscapedDollar_KeepsLiteral()
    {
        Assert.Equal("cost ${HOME} and $5", VariableSubstitution.Apply("cost $${HOME} and $5", Variables));
    }

    [Theory]
    [InlineData("${UNCLOSED")]
    [InlineData("${not-a-name}")]
    [InlineData("${}")]
    public void Apply_MalformedReference_Throws(string text)
    {
        Assert.Throws<FormatException>(() => VariableSubstitution.Apply(text, Variables));
    }
}
