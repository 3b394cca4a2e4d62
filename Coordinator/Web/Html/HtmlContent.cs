namespace PerfFleet.Coordinator.Web.Html;

/// <summary>
/// Markup that is already safe to write as is: produced by <see cref="Markup.Of"/> (which encodes
/// every interpolated value) or by a renderer. Plain strings never become markup implicitly,
/// so user input cannot reach the page unencoded.
/// </summary>
public readonly record struct HtmlContent(string Value)
{
    public static HtmlContent Empty { get; } = new(string.Empty);

    public override string ToString() => Value ?? string.Empty;
}
