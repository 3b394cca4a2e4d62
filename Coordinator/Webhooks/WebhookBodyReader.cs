using Microsoft.AspNetCore.Http;

namespace PerfFleet.Coordinator.Webhooks;

/// <summary>Reads the raw request body (the signature covers the exact bytes), refusing more than a limit.</summary>
internal static class WebhookBodyReader
{
    /// <returns>The body, or null when it is larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null; // refuse before reading a byte
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null; // chunked or lying Content-Length: stop at the limit
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
