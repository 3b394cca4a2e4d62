using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Reads <c>.perffleet.yml</c> (DESIGN.md "Scenario file", version 1). Every problem is a
/// <see cref="ScenarioException"/> with the file, line, column and field that are wrong.
/// </summary>
public static partial class ScenarioParser
{
    public const string DefaultFileName = ".perffleet.yml";
    public const int SupportedVersion = 1;

    /// <summary>
    /// Parses <paramref name="yaml"/>. With <paramref name="variables"/>, every <c>${NAME}</c> in a
    /// string is replaced and an unknown name is an error; without, strings are kept as written
    /// (used to learn the port names before the ports exist). With <paramref name="variablesFor"/>,
    /// the variables apply to that scenario only and the others are kept as written: each scenario
    /// has its own ports, so one scenario's <c>${PERFFLEET_PORT_DB}</c> is no error while another runs.
    /// </summary>
    public static ScenarioFile Parse(string yaml, string file = DefaultFileName, IReadOnlyDictionary<string, string>? variables = null, string? variablesFor = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > YamlSafetyLimits.MaxBytes)
        {
            throw new ScenarioException(file, 0, 0, string.Empty, $"the file is {yaml.Length} characters long; the limit is {YamlSafetyLimits.MaxBytes}");
        }

        yaml = VariableSubstitution.Protect(yaml);
        YamlSafetyLimits.Check(yaml, file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException(file, (int)ex.Start.Line, (int)ex.Start.Column, string.Empty, "invalid YAML: " + Unwrap(ex), ex);
        }

        if (stream.Documents.Count == 0 || YamlFieldReader.IsNull(stream.Documents[0].RootNode))
        {
            throw new ScenarioException(file, 1, 1, string.Empty, "the file is empty; it needs \"version: 1\" and \"scenarios:\"");
        }

        var reader = new YamlFieldReader(file, variables);
        var asWritten = variablesFor is null ? reader : new YamlFieldReader(file, null);
        var root = reader.Mapping(stream.Documents[0].RootNode, "(document)");
        reader.AllowOnly(root, string.Empty, "version", "scenarios");
        var version = reader.Int(reader.Required(root, "version", string.Empty), "version", int.MinValue, int.MaxValue);
        if (version != SupportedVersion)
        {
            throw reader.Fail(root.Children[new YamlScalarNode("version")], "version", $"version {version} is not supported; this PerfFleet reads version {SupportedVersion}");
        }

        var scenariosNode = reader.Mapping(reader.Required(root, "scenarios", string.Empty), "scenarios");
        if (scenariosNode.Children.Count == 0)
        {
            throw reader.Fail(scenariosNode, "scenarios", "defines no scenario");
        }

        var scenarios = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in scenariosNode.Children)
        {
            var name = reader.NonEmptyString(keyNode, "scenarios");
            if (!NamePattern().IsMatch(name))
            {
                throw reader.Fail(keyNode, "scenarios." + name, "a scenario name uses letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit)");
            }

            scenarios[name] = ParseScenario(variablesFor is null || variablesFor == name ? reader : asWritten, name, valueNode);
        }

        return new ScenarioFile(file, version, scenarios, (int)scenariosNode.Start.Line);
    }

    /// <summary>The longest search text accepted apart from a file: a search section is a line or two.</summary>
    public const int MaxSearchLength = 4096;

    /// <summary>
    /// A capacity search given apart from the scenario file (<c>perffleet run --search</c>, a test
    /// spec's <c>search</c>): the value a <c>search:</c> section would have, e.g.
    /// <c>{slo: {p99: 50ms}, from: 100, to: 2000}</c>, read with the file's rules and messages;
    /// <paramref name="source"/> names where it came from in them. Whether the scenario it is run on
    /// has a load section is the caller's check (<see cref="SearchNeedsLoad"/>).
    /// </summary>
    public static ScenarioSearch ParseSearch(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxSearchLength)
        {
            throw new ScenarioException(source, 0, 0, "search", $"is {text.Length} characters long; the limit is {MaxSearchLength}");
        }

        var stream = new YamlStream();
        try
        {
            YamlSafetyLimits.Check(text, source);
        }
        catch (ScenarioException e) when (e.Field.Length == 0)
        {
            // The limits speak of a file; here the text is one field's value.
            throw new ScenarioException(source, e.Line, e.Column, "search", e.Problem, e);
        }

        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ScenarioException(source, (int)ex.Start.Line, (int)ex.Start.Column, "search", "invalid YAML: " + Unwrap(ex), ex);
        }

        if (stream.Documents.Count == 0 || YamlFieldReader.IsNull(stream.Documents[0].RootNode))
        {
            throw new ScenarioException(source, 1, 1, "search", "is empty; write it as a search: section, e.g. {slo: {p99: 50ms}, from: 100, to: 2000}");
        }

        return SearchSectionParser.ParseBody(new YamlFieldReader(source, null), stream.Documents[0].RootNode, "search");
    }

    /// <summary>Why a search given apart from the file cannot run on a scenario without a load section.</summary>
    public const string SearchNeedsLoad = SearchSectionParser.NeedsLoad;

    /// <summary>Reads and parses a file; a missing or unreadable file is a <see cref="ScenarioException"/> too.</summary>
    public static ScenarioFile ParseFile(string path, string displayName, IReadOnlyDictionary<string, string>? variables = null)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ScenarioException(displayName, 0, 0, string.Empty, $"the repository has no {displayName} at this commit");
        }

        if (info.Length > YamlSafetyLimits.MaxBytes)
        {
            throw new ScenarioException(displayName, 0, 0, string.Empty, $"the file is {info.Length} bytes; the limit is {YamlSafetyLimits.MaxBytes}");
        }

        return Parse(File.ReadAllText(path), displayName, variables);
    }

    private static Scenario ParseScenario(YamlFieldReader reader, string name, YamlNode node)
    {
        var field = "scenarios." + name;
        var map = reader.Mapping(node, field);
        reader.AllowOnly(map, field, "stack", "load", "queries", "resources", "repeat", "search");
        var stack = StackSectionParser.Parse(reader, reader.Required(map, "stack", field), field + ".stack");
        ExternalStackParser.CheckScenario(reader, map, field, stack, YamlFieldReader.Optional(map, "queries") is not null);
        var loadNode = YamlFieldReader.Optional(map, "load");
        if (loadNode is null && stack.LoadGenerator is null)
        {
            throw reader.Fail(map, field + ".load", "is required unless stack.load_generator names the service that makes the load");
        }

        var load = loadNode is null ? null : LoadSectionParser.Parse(reader, loadNode, field + ".load");
        var queriesNode = YamlFieldReader.Optional(map, "queries");
        var queries = queriesNode is null ? [] : QuerySectionParser.Parse(reader, queriesNode, field + ".queries");
        var resourcesNode = YamlFieldReader.Optional(map, "resources");
        var resources = resourcesNode is null ? ScenarioResources.Default : ResourceSectionParser.Parse(reader, resourcesNode, field + ".resources");
        var repeatNode = YamlFieldReader.Optional(map, "repeat");
        var repeat = repeatNode is null ? ScenarioRepeat.None : RepeatSectionParser.Parse(reader, repeatNode, field + ".repeat", load);
        var searchNode = YamlFieldReader.Optional(map, "search");
        var search = searchNode is null ? null : SearchSectionParser.Parse(reader, searchNode, field + ".search", load);
        return new Scenario(name, stack, load, queries, resources) { Repeat = repeat, Search = search };
    }

    private static string Unwrap(YamlException ex) =>
        ex.InnerException is YamlException inner ? inner.Message : ex.Message;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    internal static partial Regex NamePattern();
}
