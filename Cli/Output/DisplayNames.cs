using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Output;

/// <summary>Short, lower-case names for enums and compact times, as the tables show them.</summary>
public static class DisplayNames
{
    public static string Of(TestStatus status) => Strip(status.ToString());

    public static string Of(TestKind kind) => Strip(kind.ToString());

    public static string Of(RunPhase phase) => phase == RunPhase.Unspecified ? "-" : Strip(phase.ToString());

    /// <summary>A phase as people read it ("warming up"), where a table's token ("warming_up") would be read as a typo.</summary>
    public static string Words(RunPhase phase) => phase == RunPhase.Unspecified ? "starting" : Strip(phase.ToString(), ' ');

    public static string Of(Verdict verdict) => verdict == Verdict.Unspecified ? "-" : Strip(verdict.ToString());

    public static string Of(Better better) => better == Better.Unspecified ? "-" : Strip(better.ToString()) + " is better";

    public static string Of(Timestamp? time) => time is null ? "-" : time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Of(Duration? duration) => duration is null ? "-" : Of(duration.ToTimeSpan());

    public static string Of(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}h{span.Minutes:00}m{span.Seconds:00}s"
        : span.TotalMinutes >= 1 ? $"{span.Minutes}m{span.Seconds:00}s" : $"{span.TotalSeconds:0.#}s";

    public static string ShortCommit(string commit) => commit.Length > 12 ? commit[..12] : commit;

    /// <summary>Up to two decimals; "-" for a value there is none of (NaN: a row with no baseline).</summary>
    public static string Number(double value) => double.IsFinite(value) ? value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "-";

    // Enum names come as e.g. "Running" (C# generated); tables show "running", "warming_up".
    private static string Strip(string name, char separator = '_')
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append(separator);
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
