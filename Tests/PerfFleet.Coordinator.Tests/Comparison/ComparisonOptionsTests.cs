using System.ComponentModel.DataAnnotations;
using PerfFleet.Comparison;

namespace PerfFleet.Coordinator.Tests.Comparison;

public sealed class ComparisonOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.Empty(Errors(new ComparisonOptions()));
    }

    [Fact]
    public void Validate_MoreBaselinesRequiredThanUsed_IsAnError()
    {
        var errors = Errors(new ComparisonOptions { HistoryBaselines = 3, MinHistoryBaselines = 4 });

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("MinHistoryBaselines (4)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    public void Validate_AlphaOutOfRange_IsAnError(double alpha)
    {
        Assert.NotEmpty(Errors(new ComparisonOptions { Alpha = alpha }));
    }

    private static List<ValidationResult> Errors(ComparisonOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
