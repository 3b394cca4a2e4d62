using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Reads <c>load.headers</c>: [{match, set, remove}].</summary>
internal static partial class HeaderRulesParser
{
    public static List<HeaderRule> Parse(YamlFieldReader reader, YamlNode node, string field)
    {
        var sequence = reader.Sequence(node, field);
        var rules = new List<HeaderRule>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var itemField = $"{field}[{i}]";
            var item = reader.Mapping(sequence.Children[i], itemField);
            reader.AllowOnly(item, itemField, "match", "set", "remove");
            var matchNode = YamlFieldReader.Optional(item, "match");
            var match = matchNode is null ? ".*" : reader.NonEmptyString(matchNode, itemField + ".match");
            try
            {
                // Compiled once here so a broken pattern fails the file, not the load engine mid-run.
                _ = new Regex(match, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException ex)
            {
                throw reader.Fail(matchNode!, itemField + ".match", $"\"{match}\" is not a valid regular expression: {ex.Message}");
            }

            var setNode = YamlFieldReader.Optional(item, "set");
            var set = setNode is null ? new Dictionary<string, string>() : reader.StringMap(setNode, itemField + ".set");
            var removeNode = YamlFieldReader.Optional(item, "remove");
            var remove = removeNode is null ? [] : reader.StringList(removeNode, itemField + ".remove");
            foreach (var name in set.Keys.Concat(remove).Where(n => !HeaderNamePattern().IsMatch(n)))
            {
                throw reader.Fail(sequence.Children[i], itemField, $"\"{name}\" is not a valid header name");
            }

            if (set.Values.Any(v => v.Contains('\r', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal)))
            {
                throw reader.Fail(setNode!, itemField + ".set", "header values must not contain line breaks");
            }

            if (set.Count == 0 && remove.Count == 0)
            {
                throw reader.Fail(sequence.Children[i], itemField, "neither sets nor removes a header");
            }

            rules.Add(new HeaderRule(match, set, remove));
        }

        return rules;
    }

    // RFC 9110 token characters.
    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$")]
    private static partial Regex HeaderNamePattern();
}
