using Grpc.Core;

namespace PerfFleet.Contracts.Grpc.Protocol;

/// <summary>Converts call metadata to HTTP/2 header values and back ("-bin" values travel as base64).</summary>
internal static class MetadataHeaders
{
    public static string ToHeaderValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    /// <summary>Adds one received header; the spec lets senders omit base64 padding, so both forms are accepted.</summary>
    public static void AddReceived(Metadata metadata, string name, string value)
    {
        var key = name.ToLowerInvariant();
        if (key.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
        {
            // Several values of one binary header may arrive joined by commas.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                metadata.Add(key, DecodeBase64(key, part));
            }

            return;
        }

        metadata.Add(key, value);
    }

    private static byte[] DecodeBase64(string key, string value)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException e)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Header \"{key}\" is not valid base64.", e));
        }
    }
}
