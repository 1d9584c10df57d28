using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Pipeline.Aws.Json;

/// <summary>
/// Signature Version 4 for the requests the JSON clients send. The canonical request is built here (its rules
/// are checked against AWS's SigV4 test suite); the signature itself is AWSSDK.Core's.
/// </summary>
public static class SigV4
{
    /// <summary>
    /// The canonical request: method, path (each segment URI-encoded), sorted query, lower-cased headers with
    /// trimmed values (sequential spaces folded), the signed header names, and the payload's SHA-256.
    /// </summary>
    public static string CanonicalRequest(string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload) =>
        CanonicalRequest(method, path, query, CanonicalHeaders(headers), payload);

    static string CanonicalRequest(string method, string path, string query, List<KeyValuePair<string, string>> canonicalHeaders, ReadOnlySpan<byte> payload) =>
        string.Join('\n',
            method,
            CanonicalPath(path),
            CanonicalQuery(query),
            string.Concat(canonicalHeaders.Select(h => $"{h.Key}:{h.Value}\n")),
            SignedHeaders(canonicalHeaders),
            Convert.ToHexStringLower(SHA256.HashData(payload)));

    /// <summary>The <c>Authorization</c> header value for a request signed at <paramref name="signedAt"/> (UTC).</summary>
    public static string Authorization(ImmutableCredentials credentials, string region, string service, DateTime signedAt, string method, string path,
        string query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload)
    {
        var canonicalHeaders = CanonicalHeaders(headers);
        var canonical = CanonicalRequest(method, path, query, canonicalHeaders, payload);
        return AWS4Signer.ComputeSignature(credentials, region, signedAt, service, SignedHeaders(canonicalHeaders), canonical).ForAuthorizationHeader;
    }

    /// <summary><c>20150830T123600Z</c>: the form of <c>X-Amz-Date</c>.</summary>
    public static string AmzDate(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    static List<KeyValuePair<string, string>> CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers) => headers
        .GroupBy(h => h.Key.ToLowerInvariant())
        .Select(g => new KeyValuePair<string, string>(g.Key, string.Join(',', g.Select(h => FoldSpaces(h.Value.Trim())))))
        .OrderBy(h => h.Key, StringComparer.Ordinal)
        .ToList();

    static string SignedHeaders(List<KeyValuePair<string, string>> canonical) => string.Join(';', canonical.Select(h => h.Key));

    static string FoldSpaces(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || text.Length == 0 || text[^1] != ' ')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    // Non-S3 services encode each path segment (the SDKs encode them twice; AWS's test suite expects once for the raw path).
    static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Encode));

    static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', query.Split('&')
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    // RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes.
    static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return encoded.ToString();
    }
}
