using Microsoft.AspNetCore.Builder;

namespace Grpc.AspNetCore.Server;

/// <summary>The endpoints of one mapped service; conventions (e.g. RequireHost) apply to all its methods.</summary>
public sealed class GrpcServiceEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IReadOnlyList<IEndpointConventionBuilder> builders;

    internal GrpcServiceEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) => this.builders = builders;

    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in builders)
        {
            builder.Add(convention);
        }
    }
}
