using System.Net.Http.Json;
using System.Text.Json;

namespace PerfFleet.Testing.Coordinator;

/// <summary>A coordinator's /readyz answer: database ready, leader or not, the leadership epoch.</summary>
public sealed record CoordinatorReadiness(bool Ready, bool Leader, long Epoch)
{
    /// <summary>/readyz from <paramref name="web"/> (based at the coordinator's web port), or null while it does not answer (starting, or killed).</summary>
    public static async Task<CoordinatorReadiness?> ReadAsync(HttpClient web)
    {
        ArgumentNullException.ThrowIfNull(web);
        try
        {
            using var response = await web.GetAsync(new Uri("/readyz", UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new CoordinatorReadiness(body.GetProperty("ready").GetBoolean(), body.GetProperty("leader").GetBoolean(), body.GetProperty("epoch").GetInt64());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
