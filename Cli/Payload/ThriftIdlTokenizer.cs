using System.Globalization;
using System.Text;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// Splits Thrift IDL text into tokens, skipping <c>//</c>, <c>#</c> and <c>/* */</c> comments. Identifiers keep
/// their dots (<c>common.Address</c>, <c>Color.RED</c>): Thrift names are qualified that way.
/// </summary>
internal static class ThriftIdlTokenizer
{
    private const string Symbols = "{}()[]<>,;:=*";

    public static List<ThriftIdlToken> Tokenize(string text, string file)
    {
        var tokens = new List<ThriftIdlToken>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        ThriftIdlPosition Here() => new(file, line, i - lineStart + 1);

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                i++;
                line++;
                lineStart = i;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' || (c == '/' && Peek(text, i + 1) == '/'))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && Peek(text, i + 1) == '*')
            {
                var start = Here();
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw start.Error("comment \"/*\" is never closed");
                }

                for (; i < end + 2; i++)
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }
                }
            }
            else if (c is '"' or '\'')
            {
                var start = Here();
                tokens.Add(new ThriftIdlToken(ThriftIdlTokenKind.String, ReadString(text, ref i, start), start));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = Here();
                var from = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new ThriftIdlToken(ThriftIdlTokenKind.Identifier, text[from..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c is '+' or '-' or '.' && char.IsAsciiDigit(Peek(text, i + 1))))
            {
                var start = Here();
                tokens.Add(ReadNumber(text, ref i, start));
            }
            else if (Symbols.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new ThriftIdlToken(ThriftIdlTokenKind.Symbol, c.ToString(), Here()));
                i++;
            }
            else
            {
                throw Here().Error($"unexpected character '{c}'");
            }
        }

        tokens.Add(new ThriftIdlToken(ThriftIdlTokenKind.End, "", Here()));
        return tokens;
    }

    private static char Peek(string text, int index) => index < text.Length ? text[index] : '\0';

    // Thrift literals have no escapes beyond the quote and backslash themselves; keep the rest as written.
    private static string ReadString(string text, ref int i, ThriftIdlPosition start)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\n')
            {
                break;
            }

            if (text[i] == '\\' && i + 1 < text.Length && (text[i + 1] == quote || text[i + 1] == '\\'))
            {
                i++;
            }

            value.Append(text[i++]);
        }

        if (i >= text.Length || text[i] != quote)
        {
            throw start.Error("string literal is never closed on its line");
        }

        i++;
        return value.ToString();
    }

    private static ThriftIdlToken ReadNumber(string text, ref int i, ThriftIdlPosition start)
    {
        var from = i;
        if (text[i] is '+' or '-')
        {
            i++;
        }

        if (text[i] == '0' && Peek(text, i + 1) is 'x' or 'X')
        {
            i += 2;
            var digits = i;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]))
            {
                i++;
            }

            if (!long.TryParse(text.AsSpan(digits, i - digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                throw start.Error($"\"{text[from..i]}\" is not a 64-bit hexadecimal integer");
            }

            return new ThriftIdlToken(ThriftIdlTokenKind.Integer, (text[from] == '-' ? -hex : hex).ToString(CultureInfo.InvariantCulture), start);
        }

        var isDouble = false;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'e' or 'E' || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
        {
            isDouble |= !char.IsAsciiDigit(text[i]);
            i++;
        }

        var literal = text[from..i];
        if (isDouble)
        {
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? new ThriftIdlToken(ThriftIdlTokenKind.Double, literal, start)
                : throw start.Error($"\"{literal}\" is not a number");
        }

        return long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? new ThriftIdlToken(ThriftIdlTokenKind.Integer, literal.TrimStart('+'), start)
            : throw start.Error($"\"{literal}\" is not a 64-bit integer");
    }
}
