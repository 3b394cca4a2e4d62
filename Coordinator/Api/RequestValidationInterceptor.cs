using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace PerfFleet.Coordinator.Api;

/// <summary>
/// Refuses, before any service method runs, a request holding a value no field may hold (see
/// <see cref="ProtoValueRules"/>): INVALID_ARGUMENT naming the field, never UNKNOWN from a
/// conversion deep in a handler and never a default stored in its place. Streamed requests are
/// checked message by message as the handler reads them.
/// </summary>
public sealed class RequestValidationInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingReader<TRequest>(requestStream), context);

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation) =>
        continuation(new ValidatingReader<TRequest>(requestStream), responseStream, context);

    private static void Validate<TRequest>(TRequest request)
    {
        if (request is IMessage message && ProtoValueRules.FindProblem(message) is var (field, problem))
        {
            ApiErrors.InvalidArgument(field, problem);
        }
    }

    private sealed class ValidatingReader<TRequest>(IAsyncStreamReader<TRequest> inner) : IAsyncStreamReader<TRequest>
    {
        public TRequest Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }

            Validate(inner.Current);
            return true;
        }
    }
}
