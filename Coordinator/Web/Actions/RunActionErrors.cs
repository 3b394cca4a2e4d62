using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace PerfFleet.Coordinator.Web.Actions;

/// <summary>
/// The application services answer with gRPC statuses (they serve the admin API too); a form
/// post gets the HTTP status and page title that mean the same to a browser.
/// </summary>
internal static class RunActionErrors
{
    public const string NothingChanged = "Nothing was changed.";

    public static (int StatusCode, string Title) ToHttp(StatusCode code) => code switch
    {
        Grpc.Core.StatusCode.NotFound => (StatusCodes.Status404NotFound, "Not found"),
        Grpc.Core.StatusCode.InvalidArgument => (StatusCodes.Status400BadRequest, "Bad request"),
        Grpc.Core.StatusCode.FailedPrecondition => (StatusCodes.Status409Conflict, "Not possible now"),
        Grpc.Core.StatusCode.ResourceExhausted => (StatusCodes.Status429TooManyRequests, "Over quota"),
        Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded => (StatusCodes.Status503ServiceUnavailable, "Try again"),
        _ => (StatusCodes.Status500InternalServerError, "Something went wrong"),
    };

    /// <summary>
    /// The refusal's page. <paramref name="afterwards"/> is what it adds after the service's
    /// sentence: for a form, <see cref="NothingChanged"/>; for a page that only reads, nothing.
    /// </summary>
    public static IResult Page(WebPageResults pages, HttpContext context, RpcException exception, string? afterwards = null)
    {
        var (status, title) = ToHttp(exception.StatusCode);
        return pages.Error(context, status, title, $"{Capitalized(exception.Status.Detail)}.{(afterwards is null ? "" : " " + afterwards)}");
    }

    private static string Capitalized(string text) =>
        text.Length == 0 ? "The coordinator refused the request" : char.ToUpperInvariant(text[0]) + text[1..];
}
