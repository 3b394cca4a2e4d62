using System.Net;
using System.Text.RegularExpressions;

namespace PerfFleet.Coordinator.Tests.Web.Support;

/// <summary>
/// A logged-in administrator over plain HTTP, without a cookie jar, so each test decides which
/// cookie, form token and Origin a request carries (the browser tests cover the happy path).
/// </summary>
internal sealed partial class AdminSession(HttpClient client, string cookie)
{
    public string Cookie { get; } = cookie;

    /// <summary>Logs in at /login with <paramref name="adminToken"/> and keeps the session cookie it sets.</summary>
    public static async Task<AdminSession> LogInAsync(HttpClient client, string adminToken)
    {
        using var form = new FormUrlEncodedContent([new("token", adminToken), new("returnUrl", "/runs")]);
        using var response = await client.PostAsync(new Uri("/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return new AdminSession(client, setCookie.Split(';')[0]);
    }

    /// <summary>The form token the run page gives this session (what its buttons post).</summary>
    public async Task<string> FormTokenAsync(Guid runId)
    {
        var body = await GetAsync($"/runs/{runId}");
        return FormToken().Match(body) is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"the page of run {runId} has no admin form:\n{body}");
    }

    public async Task<string> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", Cookie);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts a form; null <paramref name="cookie"/> or <paramref name="formToken"/> leaves it out.</summary>
    public static async Task<(HttpStatusCode Status, string Body, Uri? Location)> PostAsync(
        HttpClient client, string path, string? cookie, string? formToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        request.Content = new FormUrlEncodedContent(formToken is null ? [] : [new KeyValuePair<string, string>("form_token", formToken)]);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    [GeneratedRegex("name=\"form_token\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
