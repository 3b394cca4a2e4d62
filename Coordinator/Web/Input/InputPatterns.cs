using System.Text.RegularExpressions;

namespace PerfFleet.Coordinator.Web.Input;

/// <summary>What identifiers in URLs may look like, with the words a 400 page uses to explain them.</summary>
internal static partial class InputPatterns
{
    public const int MaxRepositoryLength = 200;
    public const int MaxScenarioLength = 100;
    public const int MaxQueryNameLength = 200;

    public const string RepositoryDescription = "a GitHub repository looks like owner/name (letters, digits, '.', '-', '_')";
    public const string CommitDescription = "a commit is 4 to 40 hexadecimal digits";
    public const string NameDescription = "letters, digits, '.', '-', '_', ':' and spaces only";

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    public static partial Regex Repository();

    [GeneratedRegex(@"^[0-9a-fA-F]{4,40}$")]
    public static partial Regex Commit();

    [GeneratedRegex(@"^[\w.:\- ]+$")]
    public static partial Regex Name();
}
