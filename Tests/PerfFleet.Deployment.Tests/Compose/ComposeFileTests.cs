using PerfFleet.Deployment.Tests.Helm;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>deploy/compose.yml and its local-images override as docker-compose reads them.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Services = ["postgres", "coordinator-1", "coordinator-2", "worker-1", "worker-2"];

    [Fact]
    public async Task Config_OnlyTokensSet_KeepsTheDocumentedPortsSocketAndWorkDirectories()
    {
        var services = await ComposeConfig.ServicesAsync(ComposeConfig.Tokens, withLocalImages: false);

        Assert.Equal("5432", services.Map("postgres").Map("environment").Str("PGPORT"));
        foreach (var (service, web, grpc) in new[] { ("coordinator-1", "5080", "5081"), ("coordinator-2", "5180", "5181") })
        {
            var environment = services.Map(service).Map("environment");
            Assert.Equal((web, grpc, "http://127.0.0.1:" + grpc), (environment.Str("PerfFleet__Coordinator__WebPort"), environment.Str("PerfFleet__Coordinator__GrpcPort"), environment.Str("PerfFleet__Coordinator__AdvertisedAddress")));
            Assert.Contains("Port=5432;", environment.Str("PerfFleet__Database__ConnectionString"), StringComparison.Ordinal);
            Assert.Equal("https://api.github.com/", environment.Str("PerfFleet__GitHub__ApiBaseUrl"));
            // Passed through empty (no reader token), which the coordinator takes as none.
            Assert.True(environment.Children.ContainsKey(new YamlScalarNode("PerfFleet__Security__ReadOnlyTokens__0")), service);
            Assert.Equal(string.Empty, environment.Str("PerfFleet__Security__ReadOnlyTokens__0"));
        }

        foreach (var (service, grpc, metrics) in new[] { ("worker-1", "5090", "5091"), ("worker-2", "5190", "5191") })
        {
            var environment = services.Map(service).Map("environment");
            Assert.Equal((grpc, metrics), (environment.Str("PerfFleet__Worker__GrpcPort"), environment.Str("PerfFleet__Worker__MetricsPort")));
            Assert.Equal(("http://127.0.0.1:5081", "http://127.0.0.1:5181"), (environment.Str("PerfFleet__Worker__Coordinators__0"), environment.Str("PerfFleet__Worker__Coordinators__1")));
            Assert.Equal("/var/lib/perffleet/" + service, environment.Str("PerfFleet__Worker__WorkDirectory"));
            Assert.Equal(
                [$"/var/lib/perffleet/{service}:/var/lib/perffleet/{service}:rw", "/var/run/docker.sock:/var/run/docker.sock:rw"],
                services.Map(service).Strings("volumes").Order());
        }
    }

    [Fact]
    public async Task Config_PortVariables_ReachEveryServiceThatNamesThePort()
    {
        var variables = new Dictionary<string, string>(ComposeConfig.Tokens)
        {
            ["PERFFLEET_COORDINATOR_2_GRPC_PORT"] = "41181",
            ["PERFFLEET_WORKER_1_GRPC_PORT"] = "41090",
            ["PERFFLEET_DB_PORT"] = "41432",
            ["PERFFLEET_DOCKER_SOCKET"] = "/run/test/docker.sock",
            ["PERFFLEET_WORK_ROOT"] = "/srv/perffleet",
            ["PERFFLEET_READONLY_TOKEN"] = "config-reader-token-0123456789",
        };

        var services = await ComposeConfig.ServicesAsync(variables, withLocalImages: false);

        Assert.Equal("http://127.0.0.1:41181", services.Map("coordinator-2").Map("environment").Str("PerfFleet__Coordinator__AdvertisedAddress"));
        Assert.Equal("http://127.0.0.1:41181", services.Map("worker-1").Map("environment").Str("PerfFleet__Worker__Coordinators__1"));
        Assert.Equal("http://127.0.0.1:41090", services.Map("worker-1").Map("environment").Str("PerfFleet__Worker__AdvertisedAddress"));
        Assert.Equal("41432", services.Map("postgres").Map("environment").Str("PGPORT"));
        Assert.Equal("config-reader-token-0123456789", services.Map("coordinator-2").Map("environment").Str("PerfFleet__Security__ReadOnlyTokens__0"));
        Assert.False(services.Map("worker-1").Map("environment").Children.ContainsKey(new YamlScalarNode("PerfFleet__Security__ReadOnlyTokens__0")), "workers get no reader token");
        Assert.Contains("Port=41432;", services.Map("coordinator-1").Map("environment").Str("PerfFleet__Database__ConnectionString"), StringComparison.Ordinal);
        Assert.Equal(
            ["/run/test/docker.sock:/var/run/docker.sock:rw", "/srv/perffleet/worker-2:/srv/perffleet/worker-2:rw"],
            services.Map("worker-2").Strings("volumes").Order());
    }

    [Theory]
    [InlineData("PERFFLEET_ADMIN_TOKEN")]
    [InlineData("PERFFLEET_FLEET_TOKEN")]
    public async Task Config_WithoutAToken_FailsNamingTheVariable(string missing)
    {
        var variables = ComposeConfig.Tokens.Where(v => v.Key != missing).ToDictionary();

        var result = await ComposeConfig.RunAsync(variables, withLocalImages: false);

        Assert.False(result.Succeeded);
        Assert.Contains("set " + missing, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_WithLocalImages_SwapsImagesAndAddsTheHostRuntimeButKeepsTheConfiguration()
    {
        var real = await ComposeConfig.ServicesAsync(ComposeConfig.Tokens, withLocalImages: false);
        var local = await ComposeConfig.ServicesAsync(ComposeConfig.Tokens, withLocalImages: true);

        Assert.Equal(Services.Order(), local.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!).Order());
        foreach (var service in Services)
        {
            var environment = Entries(real.Map(service).Map("environment"));
            var localEnvironment = Entries(local.Map(service).Map("environment"));
            Assert.Subset(localEnvironment, environment);
            Assert.Equal("host", local.Map(service).Str("network_mode"));
            Assert.EndsWith(":local", local.Map(service).Str("image"), StringComparison.Ordinal);
            Assert.Subset(local.Map(service).Strings("volumes").ToHashSet(), real.Map(service).Strings("volumes").ToHashSet());
            Assert.Contains("/usr:/usr:ro", local.Map(service).Strings("volumes"));
        }
    }

    private static HashSet<(string, string)> Entries(YamlMappingNode environment) =>
        [.. environment.Children.Select(p => (((YamlScalarNode)p.Key).Value!, ((YamlScalarNode)p.Value).Value ?? string.Empty))];
}
