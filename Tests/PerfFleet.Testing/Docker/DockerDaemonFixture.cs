using System.Diagnostics;
using PerfFleet.Runs.Processes;
using Xunit;

namespace PerfFleet.Testing.Docker;

/// <summary>
/// A real Docker daemon of the tests' own (ENVIRONMENT.md): its own data and exec roots and socket
/// in a temp directory, no bridge and no iptables (containers use the host network), and a tiny
/// imported image whose /usr comes from the host. Stopped by its pid at the end. Shared by the
/// worker's compose-stack tests and the deployment tests of deploy/compose.yml.
/// </summary>
public sealed class DockerDaemonFixture : IAsyncLifetime
{
    public const string Image = "perffleet/hostbase:test";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pf-dockerd-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _daemon;

    public string DockerHost => "unix://" + SocketPath;

    public string SocketPath => Combine("docker.sock");

    public async Task InitializeAsync()
    {
        DockerPrerequisites.ThrowIfMissing();
        Directory.CreateDirectory(_root);
        var startInfo = new ProcessStartInfo("dockerd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "--host=" + DockerHost, "--data-root", Combine("data"), "--exec-root", Combine("exec"),
            "--pidfile", Combine("docker.pid"), "--bridge=none", "--iptables=false", "--ip-masq=false",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        _daemon = Process.Start(startInfo)!;
        _daemon.OutputDataReceived += (_, _) => { };
        _daemon.ErrorDataReceived += (_, _) => { };
        _daemon.BeginOutputReadLine();
        _daemon.BeginErrorReadLine();
        for (var i = 0; i < 150; i++)
        {
            if (File.Exists(SocketPath) && (await DockerAsync("info", "--format", "{{.ServerVersion}}")).Succeeded)
            {
                await ImportImageAsync();
                return;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("dockerd did not start within 30 s");
    }

    public Task<ProcessResult> DockerAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("docker", arguments, new ProcessRunOptions(null, new Dictionary<string, string> { ["DOCKER_HOST"] = DockerHost }, TimeSpan.FromMinutes(2)), CancellationToken.None);

    /// <summary>Every container of this daemon, in any state, as "name image status" lines.</summary>
    public async Task<IReadOnlyList<string>> AllContainersAsync()
    {
        var result = await DockerAsync("ps", "-a", "--format", "{{.Names}} {{.Image}} {{.Status}}");
        return result.Succeeded
            ? [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : throw new InvalidOperationException("docker ps failed: " + result.LastErrorLine());
    }

    /// <summary>Containers (any state) that belong to a pf-* compose project.</summary>
    public async Task<IReadOnlyList<string>> PerfFleetContainersAsync()
    {
        var result = await DockerAsync("ps", "-a", "--filter", "label=com.docker.compose.project", "--format", "{{.Label \"com.docker.compose.project\"}} {{.Names}}");
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("pf-", StringComparison.Ordinal))];
    }

    public async Task DisposeAsync()
    {
        if (_daemon is not null)
        {
            var containers = await DockerAsync("ps", "-aq");
            foreach (var id in containers.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await DockerAsync("rm", "-f", "-v", id);
            }

            var pid = int.Parse(await File.ReadAllTextAsync(Combine("docker.pid")), System.Globalization.CultureInfo.InvariantCulture);
            await ProcessRunner.RunAsync("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, CancellationToken.None);
            if (!_daemon.WaitForExit(20_000))
            {
                _daemon.Kill();
            }

            _daemon.Dispose();
        }

        // dockerd leaves its default network namespace mounted under the exec root.
        await ProcessRunner.RunAsync("umount", [Combine("exec/netns/default")], null, CancellationToken.None);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The daemon's overlay directories can outlive it for a moment; /tmp is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    private string Combine(string name) => Path.Combine(_root, name);

    // No registry: a root file system with nothing but mount points, imported as an image.
    private async Task ImportImageAsync()
    {
        var rootfs = Combine("rootfs");
        foreach (var directory in new[] { "usr", "etc/ssl", "tmp", "proc", "sys", "dev", "repo", "sample" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, directory));
        }

        File.CreateSymbolicLink(Path.Combine(rootfs, "bin"), "usr/bin");
        File.CreateSymbolicLink(Path.Combine(rootfs, "lib"), "usr/lib");
        File.CreateSymbolicLink(Path.Combine(rootfs, "lib64"), "usr/lib64");
        var tarball = Combine("rootfs.tar");
        var tar = await ProcessRunner.RunAsync("tar", ["-C", rootfs, "-cf", tarball, "."], null, CancellationToken.None);
        var imported = await DockerAsync("import", tarball, Image);
        if (!tar.Succeeded || !imported.Succeeded)
        {
            throw new InvalidOperationException("could not build the test image: " + tar.StandardError + imported.StandardError);
        }
    }
}
