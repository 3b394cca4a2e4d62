using System.Globalization;
using System.Text;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Keyset paging over (created_at, id), newest first: a page token is the last row's key, so
/// pages stay stable while new tests arrive (an offset would shift them).
/// </summary>
public readonly record struct PageToken(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAt.UtcTicks}:{Id:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static PageToken? Decode(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is >= 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return new PageToken(new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
            // reported below
        }

        ApiErrors.InvalidArgument("page_token", "is not a token from a previous List answer");
        return null;
    }
}
