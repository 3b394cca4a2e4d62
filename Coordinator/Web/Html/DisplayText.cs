using System.Globalization;

namespace PerfFleet.Coordinator.Web.Html;

/// <summary>How numbers, times and ids read on the pages: one place so every page agrees.</summary>
internal static class DisplayText
{
    public static string ShortSha(string? sha) => string.IsNullOrEmpty(sha) ? "—" : sha.Length > 10 ? sha[..10] : sha;

    /// <summary>The last 8 hex digits: random in both v4 and time-ordered v7 GUIDs, whose first digits are shared by runs created together.</summary>
    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    /// <summary>"just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago" relative to <paramref name="now"/>.</summary>
    public static string Ago(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is null)
        {
            return "—";
        }

        var age = now - then.Value;
        if (age < TimeSpan.Zero)
        {
            // Clocks of coordinators and workers differ a little: a heartbeat "from the future" is just now.
            return "just now";
        }

        return age.TotalSeconds < 2 ? "just now" : Duration(age) + " ago";
    }

    /// <summary>A compact duration: "850 ms", "42 s", "5 min 3 s", "3 h 12 min", "2 d 4 h".</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is null)
        {
            return "—";
        }

        var value = span.Value.Duration();
        if (value.TotalSeconds < 1)
        {
            return $"{value.TotalMilliseconds:0} ms";
        }

        if (value.TotalMinutes < 1)
        {
            return $"{value.TotalSeconds:0} s";
        }

        if (value.TotalHours < 1)
        {
            return value.Seconds == 0 ? $"{value.Minutes} min" : $"{value.Minutes} min {value.Seconds} s";
        }

        return value.TotalDays < 1 ? $"{(int)value.TotalHours} h {value.Minutes} min" : $"{(int)value.TotalDays} d {value.Hours} h";
    }

    public static string Timestamp(DateTimeOffset? time) =>
        time is null ? "—" : time.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Up to 4 significant digits, no exponent for the ranges a latency or a rate takes.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "—";
        }

        var magnitude = Math.Abs(value);
        var format = magnitude >= 1000 ? "#,0" : magnitude >= 100 ? "0.#" : magnitude >= 1 ? "0.##" : "0.####";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Percent(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "—" : value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";
}
