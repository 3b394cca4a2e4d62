using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Cli.Tests.Fixture;

public sealed class InMemoryRepositoriesService(CoordinatorState state, BearerTokens tokens) : Repositories.RepositoriesBase
{
    public override Task<RepositoryRegistration> Register(RepositoryRegistration request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        if (!request.Name.Contains('/', StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "name: must be owner/name"));
        }

        var stored = request.Clone();
        stored.HasWebhookSecret = stored.WebhookSecret.Length > 0;
        stored.HasGithubToken = stored.GithubToken.Length > 0;
        stored.WebhookSecret = "";
        stored.GithubToken = "";
        state.Repositories[stored.Name] = stored;
        return Task.FromResult(stored);
    }

    public override Task<ListRepositoriesResponse> List(Empty request, ServerCallContext context)
    {
        tokens.RequireRead(context);
        return Task.FromResult(new ListRepositoriesResponse { Repositories = { state.Repositories.Values.OrderBy(r => r.Name, StringComparer.Ordinal) } });
    }

    public override Task<Empty> Remove(RemoveRepositoryRequest request, ServerCallContext context)
    {
        tokens.RequireWrite(context);
        return state.Repositories.TryRemove(request.Name, out _)
            ? Task.FromResult(new Empty())
            : throw new RpcException(new Status(StatusCode.NotFound, $"repository {request.Name} is not registered"));
    }
}
