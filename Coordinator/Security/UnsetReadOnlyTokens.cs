using Microsoft.Extensions.Options;

namespace PerfFleet.Coordinator.Security;

/// <summary>
/// An empty read-only token entry means "none": a deployment file passes an unset variable through
/// as <c>PerfFleet__Security__ReadOnlyTokens__0=""</c>, and that must not stop the coordinator.
/// An entry of spaces or a short one is still refused by <see cref="SecurityOptionsValidator"/>:
/// it looks like a token somebody meant to set.
/// </summary>
internal sealed class UnsetReadOnlyTokens : IPostConfigureOptions<SecurityOptions>
{
    /// <summary>An entry that stands for no token (the web UI's own binding drops these too).</summary>
    public static bool IsUnset(string? token) => string.IsNullOrEmpty(token);

    public void PostConfigure(string? name, SecurityOptions options)
    {
        for (var i = options.ReadOnlyTokens.Count - 1; i >= 0; i--)
        {
            if (IsUnset(options.ReadOnlyTokens[i]))
            {
                options.ReadOnlyTokens.RemoveAt(i);
            }
        }
    }
}
