using System.Text;

namespace Grpc.Core;

public sealed partial class Metadata
{
    /// <summary>One key/value pair. Nested like in Grpc.Core.Api so that code written against it keeps compiling.</summary>
    public sealed class Entry
    {
        private readonly string? stringValue;
        private readonly byte[]? bytesValue;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key \"{Key}\" ends in \"-bin\" and needs a byte[] value.", nameof(key));
            }

            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                // HTTP/2 header values of ASCII metadata: printable ASCII only (gRPC PROTOCOL-HTTP2).
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value of \"{Key}\" contains a character outside printable ASCII; use a \"-bin\" key for binary data.", nameof(value));
                }
            }

            stringValue = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key \"{Key}\" carries bytes, so it must end in \"-bin\".", nameof(key));
            }

            bytesValue = valueBytes ?? throw new ArgumentNullException(nameof(valueBytes));
        }

        public string Key { get; }

        public bool IsBinary => bytesValue is not null;

        /// <summary>The string value; throws for binary entries, like Grpc.Core.Api.</summary>
        public string Value => stringValue ?? throw new InvalidOperationException($"Metadata entry \"{Key}\" is binary: read ValueBytes.");

        public byte[] ValueBytes => bytesValue is not null ? (byte[])bytesValue.Clone() : Encoding.ASCII.GetBytes(stringValue!);

        public override string ToString() => IsBinary ? $"[Entry: key={Key}, valueBytes={bytesValue!.Length} bytes]" : $"[Entry: key={Key}, value={stringValue}]";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                var allowed = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
                if (!allowed)
                {
                    throw new ArgumentException($"Metadata key \"{key}\" contains \"{c}\": only a-z, 0-9, '-', '_' and '.' are allowed.", nameof(key));
                }
            }

            return normalized;
        }
    }
}
