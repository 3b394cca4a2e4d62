namespace PerfFleet.Contracts.Scenarios;

public enum LoadProtocol
{
    Http1,
    Http2,
    Grpc,
}
