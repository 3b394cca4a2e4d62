using System.Text.Json;

namespace PerfFleet.LoadEngine.Payloads;

/// <summary>
/// Reads a payload list from its <see cref="PayloadSource"/>. The whole list is read before the
/// run starts, so a malformed line fails the run up front (with every bad line number), not halfway.
/// </summary>
public static class PayloadReader
{
    private const int MaxReportedErrors = 100;

    public static async Task<IReadOnlyList<PayloadRequest>> ReadAsync(PayloadSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        switch (source)
        {
            case PayloadSource.InMemory memory:
                return memory.Requests.Count > 0 ? memory.Requests : throw new PayloadFormatException("payloads", []);
            case PayloadSource.File file:
                if (!System.IO.File.Exists(file.Path))
                {
                    throw new FileNotFoundException($"payloads: the file \"{file.Path}\" does not exist", file.Path);
                }

                using (var reader = new StreamReader(file.Path))
                {
                    return await ReadAsync(reader, file.Path, cancellationToken);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "unknown payload source");
        }
    }

    /// <summary>Parses JSON lines from <paramref name="reader"/>; blank lines and lines starting with # are skipped.</summary>
    public static async Task<IReadOnlyList<PayloadRequest>> ReadAsync(TextReader reader, string sourceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var requests = new List<PayloadRequest>();
        var errors = new List<PayloadLineError>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            try
            {
                requests.Add(PayloadLineParser.Parse(line));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                if (errors.Count < MaxReportedErrors)
                {
                    errors.Add(new PayloadLineError(lineNumber, e is JsonException ? "not valid JSON: " + e.Message : e.Message));
                }
            }
        }

        if (errors.Count > 0 || requests.Count == 0)
        {
            throw new PayloadFormatException(sourceName, errors);
        }

        return requests;
    }
}
