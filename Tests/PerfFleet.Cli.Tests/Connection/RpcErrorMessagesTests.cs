using Grpc.Core;
using PerfFleet.Cli.Connection;
using PerfFleet.Contracts.Errors;

namespace PerfFleet.Cli.Tests.Connection;

public sealed class RpcErrorMessagesTests
{
    private static readonly Uri Coordinator = new("http://127.0.0.1:5081");

    [Fact]
    public void OneLine_InvalidArgumentWithFieldTrailerNotInTheMessage_NamesTheField()
    {
        var error = new RpcException(new Status(StatusCode.InvalidArgument, "must be more than 0"), new Metadata { { ErrorTrailers.Field, "spec.rate" } });

        Assert.Equal("error: invalid argument: field spec.rate: must be more than 0", RpcErrorMessages.OneLine(error, Coordinator));
    }

    [Fact]
    public void OneLine_InvalidArgumentMessageAlreadyNamingTheField_IsNotRepeated()
    {
        var error = new RpcException(new Status(StatusCode.InvalidArgument, "spec.rate: must be more than 0"), new Metadata { { ErrorTrailers.Field, "spec.rate" } });

        Assert.Equal("error: invalid argument: spec.rate: must be more than 0", RpcErrorMessages.OneLine(error, Coordinator));
    }

    [Fact]
    public void OneLine_MultiLineDetail_BecomesOneLine()
    {
        var error = new RpcException(new Status(StatusCode.Unavailable, "first\nsecond\r\n"));

        Assert.Equal("error: coordinator unavailable at http://127.0.0.1:5081/: first second", RpcErrorMessages.OneLine(error, Coordinator));
    }
}
