using System.Text;

namespace PerfFleet.Coordinator.Storage;

/// <summary>
/// Database names are snake_case so that the hand-written SQL of the scheduler and the
/// leadership reads like ordinary PostgreSQL (no quoted identifiers).
/// </summary>
public static class StorageNaming
{
    /// <summary>"CreatedAt" → "created_at", "NoBaseline" → "no_baseline".</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
