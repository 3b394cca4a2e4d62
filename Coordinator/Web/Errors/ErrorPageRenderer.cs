using PerfFleet.Coordinator.Web.Html;

namespace PerfFleet.Coordinator.Web.Errors;

/// <summary>The body of a 400/404/500 page: what went wrong in words, and a way back. Never a stack trace.</summary>
internal static class ErrorPageRenderer
{
    public static HtmlContent Render(int statusCode, IReadOnlyList<string> problems)
    {
        var items = problems.Select(p => Markup.Of($"<li>{p}</li>"));
        return Markup.Of($"""
            <section class="error-page" data-status="{statusCode}">
            <p class="error-code">HTTP {statusCode}</p>
            <ul class="problems">{items}</ul>
            <p><a href="/runs">Back to the runs</a></p>
            </section>
            """);
    }
}
