using System.Security.Cryptography;

namespace PerfFleet.Runs.Payloads;

/// <summary>
/// Payload contents on this machine, one file per SHA-256 (<c>&lt;sha256&gt;.jsonl</c>), so a
/// payload is downloaded once whatever the number of tests and repetitions that use it. A file
/// enters the cache only whole and with the right hash (written aside, checked, then renamed);
/// a cached file that no longer has its hash is deleted and downloaded again.
/// </summary>
public sealed class PayloadCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The cached file of <paramref name="sha256"/>, or null when there is none (or it was damaged).</summary>
    public async Task<string?> TryGetAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            return null;
        }

        if (await HashOfAsync(path, cancellationToken) == sha256)
        {
            return path;
        }

        File.Delete(path);
        return null;
    }

    /// <summary>
    /// Writes a content with <paramref name="write"/>, then keeps it only when its SHA-256 is
    /// <paramref name="sha256"/>; otherwise throws <see cref="PayloadCorruptException"/> and keeps nothing.
    /// </summary>
    public async Task<string> StoreAsync(string sha256, Func<Stream, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        System.IO.Directory.CreateDirectory(Directory);
        var partial = Path.Combine(Directory, $"{sha256}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await write(file);
            }

            var actual = await HashOfAsync(partial, cancellationToken);
            if (actual != sha256)
            {
                throw PayloadCorruptException.HashMismatch(sha256, actual);
            }

            // Two runs may fetch the same content at once: either rename wins, both files are the same bytes.
            File.Move(partial, PathOf(sha256), overwrite: true);
            return PathOf(sha256);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private string PathOf(string sha256) => Path.Combine(Directory, sha256 + ".jsonl");

    private static async Task<string> HashOfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
