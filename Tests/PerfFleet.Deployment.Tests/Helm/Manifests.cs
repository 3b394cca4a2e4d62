using YamlDotNet.RepresentationModel;

namespace PerfFleet.Deployment.Tests.Helm;

/// <summary>Small path helpers over rendered manifests.</summary>
internal static class Manifests
{
    public static YamlMappingNode Single(this IEnumerable<YamlMappingNode> docs, string kind, string nameSuffix) =>
        docs.Single(d => d.Str("kind") == kind && d.Map("metadata").Str("name").EndsWith(nameSuffix, StringComparison.Ordinal));

    public static string Str(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? string.Empty : string.Empty;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    public static IEnumerable<YamlMappingNode> Seq(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children.OfType<YamlMappingNode>() : [];

    public static YamlMappingNode PodSpec(this YamlMappingNode workload) => workload.Map("spec").Map("template").Map("spec");

    public static YamlMappingNode Container(this YamlMappingNode workload, string name) => workload.PodSpec().Seq("containers").Single(c => c.Str("name") == name);

    public static YamlMappingNode Env(this YamlMappingNode container, string name) => container.Seq("env").Single(e => e.Str("name") == name);
}
