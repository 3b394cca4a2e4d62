using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads a scenario's <c>stack:</c> section.</summary>
internal static partial class StackSectionParser
{
    public static ScenarioStack Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: "none" })
        {
            return ScenarioStack.External(null, ScenarioStack.DefaultReadyTimeout, null);
        }

        var map = reader.Mapping(node, field);
        if (YamlFieldReader.Optional(map, "none") is { } noneNode)
        {
            return ExternalStackParser.Parse(reader, map, noneNode, field);
        }

        reader.AllowOnly(map, field, "compose", "local", "ports", "ready", "ready_timeout", "prometheus", "load_generator");
        var composeNode = YamlFieldReader.Optional(map, "compose");
        var localNode = YamlFieldReader.Optional(map, "local");
        if ((composeNode is null) == (localNode is null))
        {
            throw reader.Fail(map, field, "needs exactly one of \"compose\" (a compose file) or \"local\" (a list of processes)");
        }

        var compose = composeNode is null ? null : RelativePath(reader, composeNode, field + ".compose");
        var local = localNode is null ? [] : ParseLocal(reader, localNode, field + ".local");
        var ports = ParsePorts(reader, map, field);
        var ready = OptionalUrl(reader, map, "ready", field);
        var readyTimeout = ReadyTimeout(reader, map, field);
        var prometheus = OptionalUrl(reader, map, "prometheus", field);
        var loadGeneratorNode = YamlFieldReader.Optional(map, "load_generator");
        string? loadGenerator = null;
        if (loadGeneratorNode is not null)
        {
            if (compose is null)
            {
                throw reader.Fail(loadGeneratorNode, field + ".load_generator", "is a compose service, so it needs a \"compose\" stack");
            }

            loadGenerator = reader.NonEmptyString(loadGeneratorNode, field + ".load_generator");
        }

        return new ScenarioStack(compose, local, ports, ready, readyTimeout, prometheus, loadGenerator);
    }

    /// <summary>Paths from the repository must stay inside the checkout.</summary>
    internal static string RelativePath(YamlFieldReader reader, YamlNode node, string field)
    {
        var path = reader.NonEmptyString(node, field);
        var segments = path.Replace('\\', '/').Split('/');
        if (Path.IsPathRooted(path) || path.StartsWith('~') || segments.Contains(".."))
        {
            throw reader.Fail(node, field, $"\"{path}\" must be a path inside the repository (relative, without \"..\")");
        }

        return path;
    }

    private static List<LocalService> ParseLocal(YamlFieldReader reader, YamlNode node, string field)
    {
        var sequence = reader.Sequence(node, field);
        if (sequence.Children.Count == 0)
        {
            throw reader.Fail(node, field, "lists no service");
        }

        var services = new List<LocalService>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            var item = reader.Mapping(sequence.Children[i], itemField);
            reader.AllowOnly(item, itemField, "name", "run", "env", "cwd");
            var nameNode = reader.Required(item, "name", itemField);
            var name = reader.NonEmptyString(nameNode, itemField + ".name");
            if (!ScenarioParser.NamePattern().IsMatch(name))
            {
                throw reader.Fail(nameNode, itemField + ".name", "a service name uses letters, digits, '.', '_' and '-'");
            }

            if (services.Any(s => s.Name == name))
            {
                throw reader.Fail(nameNode, itemField + ".name", $"service \"{name}\" is listed twice");
            }

            var run = reader.NonEmptyString(reader.Required(item, "run", itemField), itemField + ".run");
            var envNode = YamlFieldReader.Optional(item, "env");
            var env = envNode is null ? new Dictionary<string, string>() : reader.StringMap(envNode, itemField + ".env");
            foreach (var key in env.Keys.Where(k => !EnvNamePattern().IsMatch(k)))
            {
                throw reader.Fail(envNode!, itemField + ".env", $"\"{key}\" is not an environment variable name");
            }

            var cwdNode = YamlFieldReader.Optional(item, "cwd");
            var cwd = cwdNode is null ? null : RelativePath(reader, cwdNode, itemField + ".cwd");
            services.Add(new LocalService(name, run, env, cwd));
        }

        return services;
    }

    private static List<string> ParsePorts(YamlFieldReader reader, YamlMappingNode map, string field)
    {
        var node = YamlFieldReader.Optional(map, "ports");
        if (node is null)
        {
            return [];
        }

        var names = reader.StringList(node, field + ".ports");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            var child = ((YamlSequenceNode)node).Children[i];
            if (!PortNamePattern().IsMatch(names[i]))
            {
                throw reader.Fail(child, $"{field}.ports[{i}]", $"\"{names[i]}\" is not a port name (letters, digits and _, starting with a letter)");
            }

            if (!seen.Add(names[i]))
            {
                throw reader.Fail(child, $"{field}.ports[{i}]", $"port \"{names[i]}\" is listed twice");
            }
        }

        return names.Count > 32 ? throw reader.Fail(node, field + ".ports", "at most 32 ports") : [.. names];
    }

    internal static TimeSpan ReadyTimeout(YamlFieldReader reader, YamlMappingNode map, string field)
    {
        var node = YamlFieldReader.Optional(map, "ready_timeout");
        var readyTimeout = node is null ? ScenarioStack.DefaultReadyTimeout : reader.Duration(node, field + ".ready_timeout");
        return readyTimeout <= TimeSpan.Zero || readyTimeout > TimeSpan.FromHours(1)
            ? throw reader.Fail(node!, field + ".ready_timeout", "must be more than 0 and at most 1h")
            : readyTimeout;
    }

    internal static string? OptionalUrl(YamlFieldReader reader, YamlMappingNode map, string key, string field)
    {
        var node = YamlFieldReader.Optional(map, key);
        return node is null ? null : UrlValidation.Http(reader, node, YamlFieldReader.Join(field, key));
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,30}$")]
    private static partial Regex PortNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();
}
