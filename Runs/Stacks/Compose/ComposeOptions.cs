using System.ComponentModel.DataAnnotations;

namespace PerfFleet.Runs.Stacks.Compose;

/// <summary>Configuration section <c>PerfFleet:Worker:Compose</c>.</summary>
public sealed class ComposeOptions
{
    public const string Section = "PerfFleet:Worker:Compose";

    /// <summary>
    /// The Docker daemon, as DOCKER_HOST spells it (<c>unix:///path/docker.sock</c>). Empty = the
    /// DOCKER_HOST of the worker's environment, else the default socket.
    /// </summary>
    public string DockerHost { get; set; } = string.Empty;

    [Required]
    public string DockerExecutable { get; set; } = "docker";

    [Required]
    public string ComposeV1Executable { get; set; } = "docker-compose";

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan UpTimeout { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan DownTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The DOCKER_HOST in effect: configured, else inherited, else the standard socket.</summary>
    public string EffectiveDockerHost =>
        !string.IsNullOrEmpty(DockerHost) ? DockerHost
        : Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "unix:///var/run/docker.sock";

    /// <summary>The unix socket path of <see cref="EffectiveDockerHost"/>, or null for a non-unix host.</summary>
    public string? SocketPath =>
        EffectiveDockerHost.StartsWith("unix://", StringComparison.Ordinal) ? EffectiveDockerHost["unix://".Length..] : null;
}
