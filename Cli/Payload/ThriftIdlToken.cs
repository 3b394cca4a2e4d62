namespace PerfFleet.Cli.Payload;

/// <summary>Where something is in an IDL file: the file as the user would name it, 1-based line and column.</summary>
public sealed record ThriftIdlPosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    public PayloadFormatException Error(string problem) => new($"{this}: {problem}");
}

internal enum ThriftIdlTokenKind
{
    Identifier,
    Integer,
    Double,
    String,
    Symbol,
    End,
}

/// <summary>One token of a Thrift IDL file; Text is the identifier, the literal's value or the symbol.</summary>
internal sealed record ThriftIdlToken(ThriftIdlTokenKind Kind, string Text, ThriftIdlPosition Position)
{
    public bool IsSymbol(char symbol) => Kind == ThriftIdlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    public bool IsWord(string word) => Kind == ThriftIdlTokenKind.Identifier && Text == word;

    public string Describe() => Kind switch
    {
        ThriftIdlTokenKind.End => "the end of the file",
        ThriftIdlTokenKind.String => $"the string \"{Text}\"",
        _ => $"\"{Text}\"",
    };
}
