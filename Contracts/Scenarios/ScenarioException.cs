namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// A scenario file that cannot be used: names the file, the position and the field that is wrong,
/// so that the person who wrote the file can fix it without guessing.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this("the scenario file is invalid")
    {
    }

    public ScenarioException(string message)
        : this(string.Empty, 0, 0, string.Empty, message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : this(string.Empty, 0, 0, string.Empty, message, innerException)
    {
    }

    public ScenarioException(string file, int line, int column, string field, string problem, Exception? innerException = null)
        : base(Format(file, line, column, field, problem), innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file name as given to the parser (e.g. <c>.perffleet.yml</c>).</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the problem is not tied to a position.</summary>
    public int Line { get; }

    /// <summary>1-based column; 0 when the problem is not tied to a position.</summary>
    public int Column { get; }

    /// <summary>Dotted path of the field, e.g. <c>scenarios.api.load.rate</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string field, string problem)
    {
        var where = line > 0 ? $"{file}:{line}:{column}" : file;
        var prefix = string.IsNullOrEmpty(where) ? string.Empty : where + ": ";
        return string.IsNullOrEmpty(field) ? prefix + problem : $"{prefix}{field}: {problem}";
    }
}
