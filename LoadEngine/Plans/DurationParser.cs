using System.Globalization;

namespace PerfFleet.LoadEngine.Plans;

/// <summary>
/// Parses the durations of scenario files and CLI flags: a sequence of number + unit, as Go and
/// Prometheus write them ("10s", "1m30s", "500ms", "1.5h", "250us"). A bare number is refused
/// because "10" could mean seconds or milliseconds and guessing wrong silently changes a test.
/// </summary>
public static class DurationParser
{
    private static readonly (string Unit, long TicksPerUnit)[] Units =
    [
        // Longer spellings first so "ms" is not read as "m" followed by garbage.
        ("ms", TimeSpan.TicksPerMillisecond),
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="LoadPlanException"/> naming <paramref name="field"/>.</summary>
    public static TimeSpan Parse(string? text, string field)
    {
        if (TryParse(text, out var value, out var error))
        {
            return value;
        }

        throw new LoadPlanException(field, error);
    }

    public static bool TryParse(string? text, out TimeSpan value) => TryParse(text, out value, out _);

    private static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        var s = text?.Trim() ?? string.Empty;
        if (s.Length == 0)
        {
            error = "a duration is required, e.g. \"10s\", \"1m30s\" or \"500ms\"";
            return false;
        }

        if (s == "0")
        {
            error = string.Empty;
            return true;
        }

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"\"{text}\" is not a duration: expected a number at position {start + 1} (e.g. \"10s\", \"1m30s\", \"500ms\")";
                return false;
            }

            var unit = Array.FindIndex(Units, u => s.AsSpan(i).StartsWith(u.Unit, StringComparison.Ordinal));
            if (unit < 0)
            {
                error = $"\"{text}\" is not a duration: a unit (h, m, s, ms, us) must follow {number.ToString(CultureInfo.InvariantCulture)}";
                return false;
            }

            ticks += number * Units[unit].TicksPerUnit;
            i += Units[unit].Unit.Length;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = $"\"{text}\" is too long a duration";
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)ticks);
        error = string.Empty;
        return true;
    }

    /// <summary>Formats a duration the way <see cref="Parse"/> reads it ("1m30s", "500ms").</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }

        var parts = new List<string>(3);
        if (value.Hours + (value.Days * 24) > 0)
        {
            parts.Add(((int)value.TotalHours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (value.Minutes > 0)
        {
            parts.Add(value.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (value.Seconds > 0)
        {
            parts.Add(value.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        return string.Concat(parts);
    }
}
