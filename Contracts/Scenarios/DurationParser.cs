using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>
/// Parses the Go/Prometheus-style durations of scenario files, payload files and CLI flags:
/// <c>500ms</c>, <c>10s</c>, <c>1m30s</c>, <c>2h</c>, <c>1.5s</c>, <c>250us</c>, and a bare <c>0</c>
/// (any other bare number is refused: "10" could mean seconds or milliseconds). Units must appear from largest to
/// smallest and at most once, so that "1s1m" (almost certainly a typo) is rejected.
/// </summary>
public static class DurationParser
{
    private static readonly (string Unit, long TicksPerUnit)[] Units =
    [
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("us", TimeSpan.TicksPerMicrosecond),
    ];

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> saying why.</summary>
    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out var value, out var error))
        {
            throw new FormatException(error);
        }

        return value;
    }

    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required, e.g. \"10s\", \"1m30s\" or \"500ms\"";
            return false;
        }

        var s = text.Trim();
        if (s == "0")
        {
            return true;
        }

        if (s.StartsWith('-'))
        {
            error = $"\"{text}\" is negative; durations must be zero or more";
            return false;
        }

        if (s.Length > 64)
        {
            error = "the duration is too long to be a duration";
            return false;
        }

        decimal totalTicks = 0;
        var lastUnitIndex = -1;
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == numberStart)
            {
                error = $"\"{text}\" is not a duration; expected a number followed by h, m, s or ms, e.g. \"1m30s\"";
                return false;
            }

            if (!decimal.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"\"{text}\" has an invalid number \"{s[numberStart..i]}\"";
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            var unit = s[unitStart..i];
            var unitIndex = Array.FindIndex(Units, u => u.Unit == unit);
            if (unitIndex < 0)
            {
                error = unit.Length == 0
                    ? $"\"{text}\" lacks a unit; write e.g. \"{s[numberStart..i]}s\""
                    : $"\"{text}\" has an unknown unit \"{unit}\"; use h, m, s, ms or us";
                return false;
            }

            if (unitIndex <= lastUnitIndex)
            {
                error = $"\"{text}\" repeats or misorders units; write them largest first, e.g. \"1m30s\"";
                return false;
            }

            lastUnitIndex = unitIndex;
            if (number > (decimal)TimeSpan.MaxValue.Ticks / Units[unitIndex].TicksPerUnit)
            {
                error = $"\"{text}\" is too long";
                return false;
            }

            totalTicks += number * Units[unitIndex].TicksPerUnit;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                error = $"\"{text}\" is too long";
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)totalTicks);
        return true;
    }

    /// <summary>Formats a duration the way <see cref="Parse"/> reads it (for messages and round trips).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        var parts = new List<string>();
        if (value.Hours + (value.Days * 24) > 0)
        {
            parts.Add(((value.Days * 24) + value.Hours).ToString(CultureInfo.InvariantCulture) + "h");
        }

        if (value.Minutes > 0)
        {
            parts.Add(value.Minutes.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (value.Seconds > 0)
        {
            parts.Add(value.Seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        if (value.Milliseconds > 0)
        {
            parts.Add(value.Milliseconds.ToString(CultureInfo.InvariantCulture) + "ms");
        }

        return string.Concat(parts);
    }
}
