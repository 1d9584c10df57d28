using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Pipeline.Api.Security;

/// <summary>Decides whether keys are in force and which role a presented key has.</summary>
public sealed class ApiKeyPolicy(IOptions<ApiKeyOptions> options, IConfiguration configuration, IServer server)
{
    bool? required;

    /// <summary>
    /// True when callers must present a key: always in <c>Required</c> mode; in <c>Auto</c> mode when the
    /// Api listens beyond loopback or runs the AWS profile.
    /// </summary>
    public bool Required => required ??= options.Value.Mode switch
    {
        "Required" => true,
        "Disabled" => false,
        _ => IsAwsProfile() || ListensBeyondLoopback(),
    };

    /// <summary>The role of a presented key, or null when no configured key matches.</summary>
    public ApiKeyEntry? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return options.Value.Keys.FirstOrDefault(k =>
            CryptographicOperations.FixedTimeEquals(Convert.FromHexString(k.Sha256), hash));
    }

    /// <summary>The hex SHA-256 to configure for a key.</summary>
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();

    bool IsAwsProfile() => string.Equals(configuration["Pipeline:Lake"], "S3", StringComparison.OrdinalIgnoreCase);

    bool ListensBeyondLoopback()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Any(a =>
        {
            var host = new Uri(a.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal)).Host;
            return !(host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
        });
    }
}
