using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PerfFleet.Coordinator.Tests.Reporting;

/// <summary>
/// GitHub's side for tests: a real Kestrel server on a free loopback port that records every
/// request and answers the few REST calls PerfFleet makes from in-memory state (statuses,
/// issue comments, pull requests, App installation tokens), paging lists with a <c>Link</c>
/// header as GitHub does. Failures, and requests left unanswered, can be scripted.
/// </summary>
public sealed partial class RecordingGitHubServer : IAsyncDisposable
{
    /// <summary>Where the alert webhook of the tests points: the same server records alerts too.</summary>
    public const string AlertPath = "/alerts";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedFailure> _failures = new();
    private readonly ConcurrentDictionary<long, (int Issue, string Body)> _comments = new();
    private long _nextCommentId = 1000;

    private RecordingGitHubServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentDictionary<int, (string Sha, string Ref)> PullRequests { get; } = new();

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public string InstallationToken { get; set; } = "ghs_installation_token";

    /// <summary>What <c>GET /repos/{o}/{r}/installation</c> answers.</summary>
    public long DiscoveredInstallationId { get; set; } = 4242;

    public static async Task<RecordingGitHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new RecordingGitHubServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    public void FailNext(string method, string pathPrefix, int status, IReadOnlyDictionary<string, string>? headers = null, string message = "scripted failure") =>
        _failures.Enqueue(new ScriptedFailure(method, pathPrefix, status, headers ?? new Dictionary<string, string>(), message));

    /// <summary>Leave the next matching request unanswered until the client gives up on it.</summary>
    public void StallNext(string method, string pathPrefix) =>
        _failures.Enqueue(new ScriptedFailure(method, pathPrefix, ScriptedFailure.NoAnswer, new Dictionary<string, string>(), string.Empty));

    public IReadOnlyList<(long Id, string Body)> CommentsOn(int issue) =>
        _comments.Where(c => c.Value.Issue == issue).OrderBy(c => c.Key).Select(c => (c.Key, c.Value.Body)).ToList();

    public long AddComment(int issue, string body)
    {
        var id = Interlocked.Increment(ref _nextCommentId);
        _comments[id] = (issue, body);
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var path = request.Path.Value ?? "/";
        _requests.Enqueue(new RecordedRequest(request.Method, path + request.QueryString, request.Headers.Authorization.ToString(), body, request.Headers.UserAgent.ToString(), request.Headers["X-GitHub-Api-Version"].ToString()));

        if (_failures.TryPeek(out var failure) && failure.Method == request.Method && path.StartsWith(failure.PathPrefix, StringComparison.Ordinal)
            && _failures.TryDequeue(out failure))
        {
            if (failure.Status == ScriptedFailure.NoAnswer)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            context.Response.StatusCode = failure.Status;
            foreach (var (name, value) in failure.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsJsonAsync(new { message = failure.Message });
            return;
        }

        await AnswerAsync(context, request.Method, path, body);
    }

    private async Task AnswerAsync(HttpContext context, string method, string path, string body)
    {
        if (method == "POST" && StatusPath().IsMatch(path))
        {
            await Json(context, 201, new JsonObject { ["id"] = 1, ["state"] = JsonNode.Parse(body)?["state"]?.GetValue<string>() });
        }
        else if (CommentsPath().Match(path) is { Success: true } list)
        {
            var issue = int.Parse(list.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (method == "GET")
            {
                var page = context.Request.Query["page"].ToString() is { Length: > 0 } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : 1;
                var perPage = context.Request.Query["per_page"].ToString() is { Length: > 0 } n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 30;
                var comments = CommentsOn(issue);
                var all = comments.Skip((page - 1) * perPage).Take(perPage);
                if (page * perPage < comments.Count)
                {
                    // The same query with the next page, as GitHub links it.
                    var next = context.Request.Query.Where(q => q.Key != "page").Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))
                        .Append(KeyValuePair.Create("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    context.Response.Headers.Link = $"<{BaseUrl}{path.TrimStart('/')}{QueryString.Create(next!)}>; rel=\"next\"";
                }

                await Json(context, 200, new JsonArray(all.Select(c => (JsonNode)Comment(c.Id, c.Body)).ToArray()));
            }
            else
            {
                var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
                await Json(context, 201, Comment(AddComment(issue, text), text));
            }
        }
        else if (method == "PATCH" && CommentPath().Match(path) is { Success: true } one)
        {
            var id = long.Parse(one.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var text = JsonNode.Parse(body)!["body"]!.GetValue<string>();
            _comments[id] = (_comments[id].Issue, text);
            await Json(context, 200, Comment(id, text));
        }
        else if (method == "GET" && PullPath().Match(path) is { Success: true } pull
            && PullRequests.TryGetValue(int.Parse(pull.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), out var head))
        {
            await Json(context, 200, new JsonObject
            {
                ["number"] = int.Parse(pull.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
                ["state"] = "open",
                ["draft"] = false,
                ["head"] = new JsonObject { ["sha"] = head.Sha, ["ref"] = head.Ref },
            });
        }
        else if (method == "POST" && TokenPath().IsMatch(path))
        {
            await Json(context, 201, new JsonObject { ["token"] = InstallationToken, ["expires_at"] = "2099-01-01T00:00:00Z" });
        }
        else if (method == "GET" && InstallationPath().IsMatch(path))
        {
            await Json(context, 200, new JsonObject { ["id"] = DiscoveredInstallationId });
        }
        else if (method == "POST" && path == AlertPath)
        {
            await Json(context, 200, new JsonObject { ["ok"] = true });
        }
        else
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
        }
    }

    private static JsonObject Comment(long id, string body) => new() { ["id"] = id, ["body"] = body, ["html_url"] = $"https://github.example/comment/{id}" };

    private static async Task Json(HttpContext context, int status, JsonNode node)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(node.ToJsonString(JsonSerializerOptions.Default));
    }

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/statuses/[0-9a-f]{40}$")]
    private static partial Regex StatusPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/(?<n>\d+)/comments$")]
    private static partial Regex CommentsPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/comments/(?<id>\d+)$")]
    private static partial Regex CommentPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/pulls/(?<n>\d+)$")]
    private static partial Regex PullPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/installation$")]
    private static partial Regex InstallationPath();

    [GeneratedRegex(@"^/app/installations/\d+/access_tokens$")]
    private static partial Regex TokenPath();
}
