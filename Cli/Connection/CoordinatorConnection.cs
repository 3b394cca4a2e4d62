using Grpc.Core;
using Grpc.Net.Client;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Connection;

/// <summary>One channel to a coordinator and the call options (bearer token, deadline) every admin call carries.</summary>
public sealed class CoordinatorConnection : IDisposable
{
    // Unary admin calls answer in milliseconds; a stuck coordinator should not hang a CI job forever.
    private static readonly TimeSpan UnaryDeadline = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel channel;
    private readonly Metadata headers = [];
    private readonly TimeProvider time;

    public CoordinatorConnection(ConnectionSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.time = time;
        channel = GrpcChannel.ForAddress(settings.Address);
        if (settings.Token is { } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        LoadTests = new LoadTests.LoadTestsClient(channel);
        Fleet = new Fleet.FleetClient(channel);
        Repositories = new Repositories.RepositoriesClient(channel);
        Payloads = new Payloads.PayloadsClient(channel);
    }

    public LoadTests.LoadTestsClient LoadTests { get; }

    public Fleet.FleetClient Fleet { get; }

    public Repositories.RepositoriesClient Repositories { get; }

    public Payloads.PayloadsClient Payloads { get; }

    /// <summary>Options for a unary call: token and a deadline.</summary>
    public CallOptions Unary(CancellationToken cancellationToken) =>
        new(headers, time.GetUtcNow().UtcDateTime + UnaryDeadline, cancellationToken);

    /// <summary>Options for a stream that lasts as long as the test (no deadline; Ctrl+C cancels).</summary>
    public CallOptions Streaming(CancellationToken cancellationToken) => new(headers, null, cancellationToken);

    public void Dispose() => channel.Dispose();
}
