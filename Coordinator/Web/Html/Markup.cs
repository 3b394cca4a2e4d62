using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PerfFleet.Coordinator.Web.Html;

/// <summary>Entry points for building <see cref="HtmlContent"/>.</summary>
public static class Markup
{
    /// <summary>
    /// Encodes what HTML needs encoded (&lt; &gt; &amp; quotes) but leaves letters of every script
    /// readable in the page source (the default encoder writes "·" or "é" as numeric references).
    /// </summary>
    internal static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Markup from a template whose holes are encoded (see <see cref="HtmlInterpolatedStringHandler"/>).</summary>
    public static HtmlContent Of(ref HtmlInterpolatedStringHandler handler) => new(handler.ToStringAndClear());

    /// <summary>Encodes plain text.</summary>
    public static HtmlContent Text(string? text) => new(Encoder.Encode(text ?? string.Empty));

    public static HtmlContent Join(IEnumerable<HtmlContent> parts) => new(string.Concat(parts.Select(p => p.Value)));

    /// <summary>Markup this program wrote itself (constants, SVG numbers): never pass user input.</summary>
    internal static HtmlContent Trusted(string markup) => new(markup);
}
