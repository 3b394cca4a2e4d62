using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Checks a YAML document event by event before it is built into a tree: the file comes from the
/// repository under test (anyone who can open a pull request), so deep nesting, alias bombs and
/// huge documents must fail fast instead of exhausting the worker's stack or memory.
/// </summary>
internal static class YamlSafetyLimits
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxDepth = 32;
    public const int MaxEvents = 50_000;
    public const int MaxAliases = 100;

    public static void Check(string text, string file)
    {
        if (text.Length > MaxBytes)
        {
            throw new ScenarioException(file, 0, 0, string.Empty, $"the file is {text.Length} characters long; the limit is {MaxBytes}");
        }

        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var events = 0;
        var aliases = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (++events > MaxEvents)
                {
                    throw At(file, current, $"the document has more than {MaxEvents} YAML nodes");
                }

                switch (current)
                {
                    case MappingStart or SequenceStart:
                        if (++depth > MaxDepth)
                        {
                            throw At(file, current, $"the document nests deeper than {MaxDepth} levels");
                        }

                        break;
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                    case AnchorAlias:
                        if (++aliases > MaxAliases)
                        {
                            throw At(file, current, $"the document uses more than {MaxAliases} aliases");
                        }

                        break;
                    case DocumentStart { IsImplicit: false } when events > 2:
                        throw At(file, current, "the file must hold a single YAML document");
                }
            }
        }
        catch (YamlException ex)
        {
            throw new ScenarioException(file, (int)ex.Start.Line, (int)ex.Start.Column, string.Empty, "invalid YAML: " + ex.Message, ex);
        }
    }

    private static ScenarioException At(string file, ParsingEvent parsingEvent, string problem) =>
        new(file, (int)parsingEvent.Start.Line, (int)parsingEvent.Start.Column, string.Empty, problem);
}
