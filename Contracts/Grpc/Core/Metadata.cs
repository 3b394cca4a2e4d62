using System.Collections;

namespace Grpc.Core;

/// <summary>Request headers, response headers or trailers of a call. Keys are lower case; keys ending
/// in "-bin" carry bytes (base64 on the wire), the others ASCII strings.</summary>
public sealed partial class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance.</summary>
    public static readonly Metadata Empty = new Metadata().Freeze();

    private readonly List<Entry> entries = [];
    private bool readOnly;

    public int Count => entries.Count;

    public bool IsReadOnly => readOnly;

    public Entry this[int index]
    {
        get => entries[index];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            CheckWriteable();
            entries[index] = value;
        }
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].Key == normalized)
            {
                return entries[i];
            }
        }

        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        var normalized = Entry.NormalizeKey(key);
        return entries.Where(e => e.Key == normalized);
    }

    public void Add(string key, string value) => Add(new Entry(key, value));

    public void Add(string key, byte[] valueBytes) => Add(new Entry(key, valueBytes));

    public void Add(Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWriteable();
        entries.Add(item);
    }

    public void Clear()
    {
        CheckWriteable();
        entries.Clear();
    }

    public bool Contains(Entry item) => entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => entries.GetEnumerator();

    public int IndexOf(Entry item) => entries.IndexOf(item);

    public void Insert(int index, Entry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        CheckWriteable();
        entries.Insert(index, item);
    }

    public bool Remove(Entry item)
    {
        CheckWriteable();
        return entries.Remove(item);
    }

    public void RemoveAt(int index)
    {
        CheckWriteable();
        entries.RemoveAt(index);
    }

    internal Metadata Freeze()
    {
        readOnly = true;
        return this;
    }

    private void CheckWriteable()
    {
        if (readOnly)
        {
            throw new InvalidOperationException("Object is read only.");
        }
    }
}
