using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using PerfFleet.Contracts.Grpc.Protocol;

namespace PerfFleet.Contracts.Grpc.Server;

/// <summary>gRPC requests for a service or method nobody mapped get UNIMPLEMENTED (trailers-only), not an HTTP 404.
/// Only requests with a gRPC content-type match, so other endpoints (web UI, fallbacks) are unaffected.</summary>
internal static class UnimplementedEndpoints
{
    private static readonly ConditionalWeakTable<IEndpointRouteBuilder, object> Mapped = [];

    public static void MapOnce(IEndpointRouteBuilder endpoints)
    {
        if (Mapped.TryGetValue(endpoints, out _))
        {
            return;
        }

        Mapped.Add(endpoints, new object());
        var pattern = RoutePatternFactory.Parse(
            "{unimplementedService}/{unimplementedMethod}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["unimplementedService"] = new GrpcContentTypeConstraint() });
        endpoints.Map(pattern, HandleAsync)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]))
            .WithDisplayName("gRPC - unimplemented")
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private static Task HandleAsync(HttpContext httpContext)
    {
        var service = httpContext.Request.RouteValues["unimplementedService"]?.ToString() ?? "";
        var method = httpContext.Request.RouteValues["unimplementedMethod"]?.ToString() ?? "";
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = GrpcProtocol.ContentType;
        httpContext.Response.Headers[GrpcProtocol.StatusTrailer] = ((int)StatusCode.Unimplemented).ToString(System.Globalization.CultureInfo.InvariantCulture);
        httpContext.Response.Headers[GrpcProtocol.MessageTrailer] = StatusMessageEncoding.Encode(
            $"Method \"{method}\" of service \"{service}\" is not implemented here.");
        return Task.CompletedTask;
    }

    private sealed class GrpcContentTypeConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
    }
}
