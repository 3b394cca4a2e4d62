using PerfFleet.Runs.Processes;
using PerfFleet.Testing;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Deployment.Tests.Compose;

/// <summary>`docker-compose config`: the compose files as docker-compose resolves them, without a daemon.</summary>
internal static class ComposeConfig
{
    public static readonly IReadOnlyDictionary<string, string> Tokens = new Dictionary<string, string>
    {
        ["PERFFLEET_ADMIN_TOKEN"] = "config-admin-token-0123456789",
        ["PERFFLEET_FLEET_TOKEN"] = "config-fleet-token-0123456789",
    };

    /// <summary>Runs `docker-compose config` on compose.yml (and the local-images override when asked).</summary>
    public static Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string> variables, bool withLocalImages)
    {
        var deploy = Path.Combine(TestPaths.RepositoryRoot, "deploy");
        var files = withLocalImages
            ? new[] { "-f", Path.Combine(deploy, "compose.yml"), "-f", Path.Combine(deploy, "compose.local-images.yml") }
            : ["-f", Path.Combine(deploy, "compose.yml")];
        return ProcessRunner.RunAsync("docker-compose", [.. files, "config"], new ProcessRunOptions(deploy, variables, TimeSpan.FromMinutes(1)), CancellationToken.None);
    }

    /// <summary>The resolved `services:` mapping; fails the test when docker-compose rejects the files.</summary>
    public static async Task<YamlMappingNode> ServicesAsync(IReadOnlyDictionary<string, string> variables, bool withLocalImages)
    {
        var result = await RunAsync(variables, withLocalImages);
        Assert.True(result.Succeeded, "docker-compose config failed: " + result.StandardError);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.StandardOutput));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("services")];
    }

    public static IReadOnlyList<string> Strings(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value)
            ? [.. ((YamlSequenceNode)value).Children.Cast<YamlScalarNode>().Select(s => s.Value ?? string.Empty)]
            : [];
}
