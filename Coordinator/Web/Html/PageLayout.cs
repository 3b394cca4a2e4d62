namespace PerfFleet.Coordinator.Web.Html;

/// <summary>The frame of every page: head, navigation, the body a renderer produced.</summary>
internal static class PageLayout
{
    public static string Render(string title, HtmlContent body, PageChrome chrome)
    {
        var role = chrome.ReadOnlySession ? Markup.Of($"<span class=\"session-role\">read-only</span> ") : HtmlContent.Empty;
        var session = chrome.ShowSession
            ? chrome.LoggedIn
                ? Markup.Of($"<form method=\"post\" action=\"/logout\" class=\"session\">{role}<button type=\"submit\">Log out</button></form>")
                : Markup.Of($"<a class=\"session\" href=\"/login\">Log in</a>")
            : HtmlContent.Empty;
        var live = chrome.LiveUpdates
            ? Markup.Of($"<script src=\"/ui/live.js\" defer></script>")
            : HtmlContent.Empty;
        return Markup.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · PerfFleet</title>
            <link rel="stylesheet" href="/ui/site.css">
            {live}
            </head>
            <body>
            <header class="top">
            <a class="brand" href="/">PerfFleet</a>
            <nav><a href="/runs">Runs</a><a href="/history">History</a><a href="/workers">Workers</a></nav>
            {session}
            </header>
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """).Value;
    }
}
