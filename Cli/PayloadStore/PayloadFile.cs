using System.Security.Cryptography;
using PerfFleet.LoadEngine.Payloads;

namespace PerfFleet.Cli.PayloadStore;

/// <summary>
/// A request file about to be uploaded, checked with the load engine's own reader first (every
/// bad line named), so a file the workers could not replay is never stored.
/// </summary>
public sealed record PayloadFile(string Path, long Size, string Sha256)
{
    public static async Task<PayloadFile> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: no such file");
        }

        try
        {
            using (var reader = new StreamReader(path))
            {
                await PayloadReader.ReadAsync(reader, path, cancellationToken).ConfigureAwait(false);
            }

            await using var stream = File.OpenRead(path);
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return new PayloadFile(path, stream.Length, Convert.ToHexStringLower(hash));
        }
        catch (PerfFleet.LoadEngine.Payloads.PayloadFormatException ex)
        {
            throw new CliInputException(ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{path}: {ex.Message}", ex);
        }
    }
}
