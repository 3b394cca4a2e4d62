using Grpc.Core;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>
/// Every RPC refuses a Duration or Timestamp out of its range and an enum number the proto does
/// not define with INVALID_ARGUMENT naming the field, before anything is stored. The requests
/// are raw bytes, as any client's would be.
/// </summary>
public sealed class OutOfRangeValuesTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static TheoryData<string> Cases => [.. OutOfRangeValueCases.All().Select(c => c.ToString())];

    [Fact]
    public void Cases_CoverTheCallsTheIssueNamed()
    {
        var methods = OutOfRangeValueCases.All().Select(c => c.Method.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "Schedule", "Update", "List", "Heartbeat", "ReportResults" }, methods);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_OutOfRangeValue_InvalidArgumentNamingTheField(string name)
    {
        var testCase = OutOfRangeValueCases.All().Single(c => c.ToString() == name);
        var headers = testCase.Method.Service.Name == "Fleet" && testCase.Method.Name != "ListWorkers" ? CoordinatorTestHost.Fleet : CoordinatorTestHost.Admin;

        var refused = await RpcAssert.InvalidArgumentAsync(testCase.Field, () => CallAsync(testCase, headers));

        Assert.DoesNotContain("Exception", refused.Status.Detail, StringComparison.Ordinal);
    }

    private async Task CallAsync(OutOfRangeValueCases.Case testCase, Metadata headers)
    {
        var invoker = fixture.Host.Channel.CreateCallInvoker();
        var options = new CallOptions(headers, DateTime.UtcNow.AddSeconds(20));
        switch (testCase.Method)
        {
            case { IsClientStreaming: true }:
                {
                    using var call = invoker.AsyncClientStreamingCall(Method(testCase, MethodType.ClientStreaming), null, options);
                    await call.RequestStream.WriteAsync(testCase.Request);
                    await call.RequestStream.CompleteAsync();
                    await call.ResponseAsync;
                    break;
                }

            case { IsServerStreaming: true }:
                {
                    using var call = invoker.AsyncServerStreamingCall(Method(testCase, MethodType.ServerStreaming), null, options, testCase.Request);
                    while (await call.ResponseStream.MoveNext(CancellationToken.None))
                    {
                    }

                    break;
                }

            default:
                await invoker.AsyncUnaryCall(Method(testCase, MethodType.Unary), null, options, testCase.Request);
                break;
        }
    }

    private static Method<byte[], byte[]> Method(OutOfRangeValueCases.Case testCase, MethodType type) =>
        new(type, testCase.Method.Service.FullName, testCase.Method.Name, Bytes, Bytes);
}
