using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Aws.Tests.Support;

/// <summary>
/// One case of AWS's SigV4 test suite (<c>aws-models/sigv4-testsuite</c>): the raw request and the canonical
/// request, string to sign and Authorization it must give with the suite's credentials and time.
/// </summary>
public sealed record SigV4Case(string Name, string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, string Body,
    string CanonicalRequest, string StringToSign, string Authorization)
{
    /// <summary>The suite's credentials, region, service and time.</summary>
    public const string AccessKey = "AKIDEXAMPLE", SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", Region = "us-east-1", Service = "service";

    /// <summary>The suite's signing time.</summary>
    public static readonly DateTimeOffset Time = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    const string Scope = "20150830/us-east-1/service/aws4_request";

    /// <summary>Every case of the suite, by name.</summary>
    public static IReadOnlyDictionary<string, SigV4Case> All { get; } = Directory
        .EnumerateFiles(Path.Combine(RepoPaths.AwsModels, "sigv4-testsuite"), "*.req", SearchOption.AllDirectories)
        .Select(Load).ToDictionary(c => c.Name);

    /// <summary>The string to sign of a canonical request.</summary>
    public static string StringToSignOf(string canonicalRequest) =>
        $"AWS4-HMAC-SHA256\n20150830T123600Z\n{Scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>The Authorization header of a canonical request, computed as the SigV4 specification says.</summary>
    public static string AuthorizationOf(string canonicalRequest)
    {
        static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + SecretKey), "20150830"), Region), Service), "aws4_request");
        var signedHeaders = canonicalRequest.Split('\n')[^2];
        return $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders={signedHeaders}, Signature={Hex(Hmac(key, StringToSignOf(canonicalRequest)))}";
    }

    /// <summary>The canonical request with one more signed header (the SDK always signs x-amz-content-sha256).</summary>
    public string CanonicalRequestWith(string name, string value)
    {
        var lines = CanonicalRequest.Split('\n').ToList();
        var blank = lines.IndexOf("", 3);
        var headers = lines.GetRange(3, blank - 3).Append($"{name}:{value}").OrderBy(h => h[..h.IndexOf(':')], StringComparer.Ordinal);
        var signed = string.Join(';', lines[blank + 1].Split(';').Append(name).Order(StringComparer.Ordinal));
        return string.Join('\n', lines.Take(3).Concat(headers).Append("").Append(signed).Append(lines[blank + 2]));
    }

    /// <summary>SHA-256 of the body, hex.</summary>
    public string PayloadHash => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(Body)));

    static SigV4Case Load(string reqPath)
    {
        string Read(string extension) => File.ReadAllText(Path.ChangeExtension(reqPath, extension)).Replace("\r\n", "\n");
        var raw = Read(".req");
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var head = (split >= 0 ? raw[..split] : raw).Split('\n');
        var requestLine = head[0].Split(' ');
        var headers = new List<(string Name, string Value)>();
        foreach (var line in head.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t' || !line.Contains(':', StringComparison.Ordinal)))
            {
                headers[^1] = (headers[^1].Name, headers[^1].Value + "\n" + line);
            }
            else if (line.Length > 0)
            {
                headers.Add((line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]));
            }
        }

        return new SigV4Case(Path.GetFileNameWithoutExtension(reqPath), requestLine[0], string.Join(' ', requestLine[1..^1]), headers,
            split >= 0 ? raw[(split + 2)..] : "", Read(".creq"), Read(".sts"), Read(".authz").Trim());
    }

    static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
