using System.Security.Cryptography;
using PerfFleet.Runs.Payloads;

namespace PerfFleet.Worker.Tests.Payloads;

/// <summary>The worker's payload cache: only whole contents with the right hash are kept; a damaged one is dropped.</summary>
public sealed class PayloadCacheTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "perffleet-payload-cache-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Store_RightHash_KeptAndFoundByHash()
    {
        var cache = new PayloadCache(directory);
        var content = "{\"path\":\"/\"}\n"u8.ToArray();
        var sha256 = Sha(content);

        var path = await cache.StoreAsync(sha256, file => file.WriteAsync(content).AsTask(), CancellationToken.None);

        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Equal(path, await cache.TryGetAsync(sha256, CancellationToken.None));
    }

    [Fact]
    public async Task Store_WrongHash_ThrowsCorruptAndKeepsNothing()
    {
        var cache = new PayloadCache(directory);
        var expected = Sha("{\"path\":\"/a\"}\n"u8.ToArray());

        var ex = await Assert.ThrowsAsync<PayloadCorruptException>(() => cache.StoreAsync(expected, file => file.WriteAsync("{\"path\":\"/b\"}\n"u8.ToArray()).AsTask(), CancellationToken.None));

        Assert.Equal(expected, ex.Expected);
        Assert.Null(await cache.TryGetAsync(expected, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task Store_WriterFailsHalfWay_KeepsNothing()
    {
        var cache = new PayloadCache(directory);
        var sha256 = Sha("x"u8.ToArray());

        await Assert.ThrowsAsync<IOException>(() => cache.StoreAsync(sha256, async file =>
        {
            await file.WriteAsync("{\"pa"u8.ToArray());
            throw new IOException("connection reset");
        }, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task TryGet_CachedFileChangedOnDisk_DroppedSoItIsDownloadedAgain()
    {
        var cache = new PayloadCache(directory);
        var content = "{\"path\":\"/\"}\n"u8.ToArray();
        var sha256 = Sha(content);
        var path = await cache.StoreAsync(sha256, file => file.WriteAsync(content).AsTask(), CancellationToken.None);
        await File.WriteAllTextAsync(path, "{\"path\":\"/tampered\"}\n");

        Assert.Null(await cache.TryGetAsync(sha256, CancellationToken.None));
        Assert.False(File.Exists(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Sha(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
