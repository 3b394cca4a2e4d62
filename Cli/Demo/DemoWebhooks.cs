using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PerfFleet.Cli.Demo;

/// <summary>
/// Sends GitHub webhooks as GitHub does: the JSON body signed with HMAC-SHA256 in
/// X-Hub-Signature-256, with X-GitHub-Event and a fresh X-GitHub-Delivery.
/// </summary>
public sealed class DemoWebhooks(HttpClient http, Uri coordinator, string repository, string cloneUrl, string secret)
{
    public Task<string> PushAsync(string commit, CancellationToken cancellationToken) => SendAsync("push", new
    {
        @ref = "refs/heads/" + DemoRepository.Branch,
        before = new string('0', 40),
        after = commit,
        created = true,
        deleted = false,
        repository = Repository(),
        pusher = new { name = "demo" },
        sender = new { login = "demo" },
        head_commit = new { id = commit, message = "Sample service" },
    }, cancellationToken);

    public Task<string> PullRequestOpenedAsync(int number, string head, string baseCommit, CancellationToken cancellationToken) => SendAsync("pull_request", new
    {
        action = "opened",
        number,
        pull_request = new
        {
            number,
            state = "open",
            draft = false,
            title = "List items with 40 ms more latency",
            head = new { sha = head, @ref = DemoRepository.PullRequestBranch },
            @base = new { sha = baseCommit, @ref = DemoRepository.Branch },
        },
        repository = Repository(),
        sender = new { login = "demo" },
    }, cancellationToken);

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    private object Repository() => new
    {
        name = repository.Split('/')[1],
        full_name = repository,
        default_branch = DemoRepository.Branch,
        clone_url = cloneUrl,
        owner = new { login = repository.Split('/')[0] },
    };

    private async Task<string> SendAsync(string eventName, object payload, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(coordinator, "/webhooks/github")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        request.Headers.Add("X-Hub-Signature-256", Sign(body, secret));
        using var response = await http.SendAsync(request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoException($"the coordinator answered the {eventName} webhook with {(int)response.StatusCode}: {answer}");
        }

        return answer;
    }
}
