using System.Globalization;
using System.Text;

namespace Concordat.ServiceKit;

/// <summary>
/// Where the next page of a list ordered by <c>(instant, id)</c> starts: the last row's instant and id, handed to
/// the client as an opaque, URL-safe token. The <see cref="Order"/> letter names the order the token belongs to
/// (creation, change, audit time…), so a token from one order is refused by another rather than misread.
/// Every list pages with it: <see cref="Paging"/> and the audit export.
/// </summary>
public readonly record struct KeysetCursor(char Order, DateTimeOffset At, Guid Id)
{
    /// <summary>The token: base64url of <c>order:ticks:id</c>.</summary>
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Order}:{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Reads a token this type gave out in one of <paramref name="orders"/>; null for anything else.</summary>
    public static KeysetCursor? Parse(string token, params ReadOnlySpan<char> orders)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 3 && parts[0].Length == 1 && orders.Contains(parts[0][0])
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                && Guid.TryParseExact(parts[2], "N", out var id))
            {
                return new KeysetCursor(parts[0][0], new DateTimeOffset(ticks, TimeSpan.Zero), id);
            }
        }
        catch (FormatException)
        {
            // Not base64: not ours.
        }

        return null;
    }
}
