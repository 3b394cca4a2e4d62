using System.Text;

namespace PerfFleet.Cli.Payload;

/// <summary>One loaded IDL file and what it can name: its own definitions, and those of the files it includes by their prefix.</summary>
internal sealed class ThriftIdlFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public ThriftIdlFile(string fullPath, string displayName, bool isMain, ThriftIdlDocument document)
    {
        FullPath = fullPath;
        DisplayName = displayName;
        Prefix = Path.GetFileNameWithoutExtension(fullPath);
        IsMain = isMain;
        Document = document;
        foreach (var (name, position) in document.Structs.Select(s => (s.Name, s.Position))
            .Concat(document.Enums.Select(e => (e.Name, e.Position)))
            .Concat(document.Typedefs.Select(t => (t.Name, t.Position)))
            .Concat(document.Consts.Select(c => (c.Name, c.Position))))
        {
            if (!Names.Add(name))
            {
                throw position.Error($"\"{name}\" is defined twice in {displayName}");
            }
        }
    }

    public string FullPath { get; }

    public string DisplayName { get; }

    /// <summary>The name other files use for this one: "common" for common.thrift, as in <c>common.Address</c>.</summary>
    public string Prefix { get; }

    public bool IsMain { get; }

    public ThriftIdlDocument Document { get; }

    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ThriftIdlFile> Included { get; } = new(StringComparer.Ordinal);

    public string QualifiedName(string name) => IsMain ? name : Prefix + "." + name;

    /// <summary>The file that defines a name as written in this file (<c>Name</c> or <c>prefix.Name</c>), and the bare name.</summary>
    public (ThriftIdlFile File, string Name)? Find(string written)
    {
        if (Names.Contains(written))
        {
            return (this, written);
        }

        var dot = written.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Included.TryGetValue(written[..dot], out var other) && other.Names.Contains(written[(dot + 1)..])
            ? (other, written[(dot + 1)..])
            : null;
    }

    /// <summary>The text of an IDL file; Thrift IDL is UTF-8, and other bytes are named by line and column.</summary>
    public static string DecodeText(byte[] bytes, string displayName)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var index = start + Math.Max(e.Index, 0);
            var before = bytes.AsSpan(0, index);
            var line = before.Count((byte)'\n') + 1;
            var lineStart = before.LastIndexOf((byte)'\n') + 1;
            var column = StrictUtf8.GetCharCount(bytes, lineStart, index - lineStart) + 1;
            throw new ThriftIdlPosition(displayName, line, column).Error($"the file is not UTF-8 text (byte 0x{bytes[index]:X2})");
        }
    }
}
