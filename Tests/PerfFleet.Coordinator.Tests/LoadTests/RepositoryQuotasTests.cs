using Microsoft.Extensions.Options;
using PerfFleet.Coordinator.LoadTests;

namespace PerfFleet.Coordinator.Tests.LoadTests;

public sealed class RepositoryQuotasTests
{
    [Fact]
    public void For_RepositoryWithItsOwnEntry_ReplacesWhatItSetsAndNamesTheEntry()
    {
        var quotas = Quotas(new QuotaOptions
        {
            MaxRate = 1_000,
            MaxRunningTestsPerRepository = 4,
            Repositories =
            [
                new RepositoryQuotaOptions { Name = "acme/other", MaxRate = 5 },
                new RepositoryQuotaOptions { Name = "acme/shop", MaxRate = 50_000, MaxDuration = TimeSpan.FromHours(6), MaxTotalRate = 80_000 },
            ],
        });

        var shop = quotas.For("ACME/Shop"); // GitHub names compare without case
        var plain = quotas.For("acme/plain");

        Assert.Equal((50_000.0, "PerfFleet:Quotas:Repositories:1:MaxRate, for acme/shop"), (shop.MaxRate.Value, shop.MaxRate.Setting));
        Assert.Equal(TimeSpan.FromHours(6), shop.MaxDuration.Value);
        Assert.Equal((4, "PerfFleet:Quotas:MaxRunningTestsPerRepository"), (shop.MaxRunningTests!.Value.Value, shop.MaxRunningTests.Value.Setting));
        Assert.Equal(80_000, shop.MaxTotalRate!.Value.Value);
        Assert.Equal((1_000.0, "PerfFleet:Quotas:MaxRate"), (plain.MaxRate.Value, plain.MaxRate.Setting));
        Assert.Null(plain.MaxTotalRate);
        Assert.Equal(20, quotas.For(string.Empty).MaxConcurrentTests.Value);
    }

    [Fact]
    public void AnyRunningLimit_OnlyWhenARunningOrTotalRateLimitIsSet()
    {
        Assert.False(Quotas(new QuotaOptions { Repositories = [new RepositoryQuotaOptions { Name = "acme/shop", MaxRate = 5 }] }).AnyRunningLimit);
        Assert.True(Quotas(new QuotaOptions { MaxTotalRatePerRepository = 10 }).AnyRunningLimit);
        Assert.True(Quotas(new QuotaOptions { Repositories = [new RepositoryQuotaOptions { Name = "acme/shop", MaxRunningTests = 1 }] }).AnyRunningLimit);
    }

    [Fact]
    public void Validate_BadEntries_NameEachKeyAndValue()
    {
        var result = new QuotaOptionsValidator().Validate(null, new QuotaOptions
        {
            Repositories =
            [
                new RepositoryQuotaOptions { Name = "not a repository", MaxRate = 0 },
                new RepositoryQuotaOptions { Name = "acme/shop", MaxDuration = TimeSpan.FromDays(8), MaxRunningTests = 0 },
                new RepositoryQuotaOptions { Name = "Acme/Shop", MaxTotalRate = double.NaN, MaxConcurrentTests = -1 },
            ],
        });

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "PerfFleet:Quotas:Repositories:0:Name must be owner/name, got 'not a repository'",
                "PerfFleet:Quotas:Repositories:0:MaxRate must be at least 1 request/s, got 0",
                "PerfFleet:Quotas:Repositories:1:MaxDuration must be between 00:00:01 and 7.00:00:00, got 8.00:00:00",
                "PerfFleet:Quotas:Repositories:1:MaxRunningTests must be at least 1, got 0",
                "PerfFleet:Quotas:Repositories:2:Name 'Acme/Shop' has limits twice",
                "PerfFleet:Quotas:Repositories:2:MaxConcurrentTests must be at least 1, got -1",
                "PerfFleet:Quotas:Repositories:2:MaxTotalRate must be at least 1 request/s, got NaN",
            ],
            result.Failures!);
    }

    [Fact]
    public void Validate_GoodEntries_Succeed()
    {
        var result = new QuotaOptionsValidator().Validate(null, new QuotaOptions
        {
            Repositories = [new RepositoryQuotaOptions { Name = "acme/shop", MaxRate = 10, MaxDuration = TimeSpan.FromMinutes(5), MaxConcurrentTests = 2, MaxRunningTests = 1, MaxTotalRate = 100 }],
        });

        Assert.True(result.Succeeded);
    }

    private static RepositoryQuotas Quotas(QuotaOptions options) => new(Options.Create(options));
}
