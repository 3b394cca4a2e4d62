using System.Text.Encodings.Web;
using System.Text.Json;

namespace PerfFleet.Cli.Payload;

/// <summary>
/// JSON writing options for payload files: only what JSON requires is escaped, so base64 ('+', '/')
/// and non-ASCII text stay readable and a decode → encode round trip keeps the bytes.
/// </summary>
internal static class PayloadJson
{
    public static JsonSerializerOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonSerializerOptions Indented { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };
}
