using System.Globalization;
using System.Runtime.CompilerServices;

namespace PerfFleet.Coordinator.Web.Html;

/// <summary>
/// Builds markup from an interpolated string: literal parts are the template, every hole is
/// HTML-encoded (invariant culture) unless it is <see cref="HtmlContent"/>. This is the one
/// place where the UI decides what is trusted, the way Razor's @ does.
/// </summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolatedStringHandler
{
    private DefaultInterpolatedStringHandler inner;

    public HtmlInterpolatedStringHandler(int literalLength, int formattedCount)
    {
        inner = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
    }

    public void AppendLiteral(string value) => inner.AppendLiteral(value);

    public void AppendFormatted(HtmlContent value) => inner.AppendLiteral(value.Value ?? string.Empty);

    public void AppendFormatted(IEnumerable<HtmlContent> values)
    {
        foreach (var value in values)
        {
            inner.AppendLiteral(value.Value ?? string.Empty);
        }
    }

    public void AppendFormatted<T>(T value) => AppendFormatted(value, format: null);

    public void AppendFormatted<T>(T value, string? format)
    {
        // Overload resolution prefers this generic method over the ones above for List<HtmlContent>,
        // HtmlContent? and the like, so markup is recognised here too, by its runtime type.
        switch (value)
        {
            case HtmlContent content:
                AppendFormatted(content);
                return;
            case IEnumerable<HtmlContent> contents:
                AppendFormatted(contents);
                return;
        }

        var text = value switch
        {
            null => string.Empty,
            IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        inner.AppendLiteral(Markup.Encoder.Encode(text));
    }

    public string ToStringAndClear() => inner.ToStringAndClear();
}
