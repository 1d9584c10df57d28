using System.Security.Cryptography;
using System.Text;

namespace Pipeline.AppHost.Dashboard.Auth;

/// <summary>
/// The login token of one dashboard run (printed by the AppHost, like Aspire's), or none when the
/// dashboard is unsecured. A browser that presented it once keeps a cookie holding it.
/// </summary>
public sealed class DashboardAccess
{
    /// <summary>The cookie that marks a logged-in browser.</summary>
    public const string CookieName = "pipeline-dashboard";

    readonly byte[]? token;

    DashboardAccess(string? token)
    {
        Token = token;
        this.token = token is null ? null : Encoding.UTF8.GetBytes(token);
    }

    /// <summary>The token, or null when unsecured.</summary>
    public string? Token { get; }

    /// <summary>True when anyone on this machine may open the dashboard.</summary>
    public bool Unsecured => Token is null;

    /// <summary>A fresh random token (128 bits, hex), or no token at all.</summary>
    public static DashboardAccess Create(bool unsecured) =>
        new(unsecured ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>True when <paramref name="candidate"/> is the token (constant-time).</summary>
    public bool IsValid(string? candidate) =>
        token is null || (candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), token));
}
