using System.Text;
using System.Text.RegularExpressions;
using Amazon;
using Amazon.Runtime;
using Pipeline.Aws.Configuration;
using Pipeline.Aws.Sqs;
using Pipeline.Aws.Tests.Support;

namespace Pipeline.Aws.Tests.Sqs;

/// <summary>
/// The signer against AWS's SigV4 test suite. AWSSDK.Core's signer always signs x-amz-content-sha256, which
/// the suite's requests lack, so each expected value is computed from the suite's canonical request with
/// that header added, by a helper that first proves it reproduces every case of the suite exactly.
/// </summary>
public sealed partial class SqsRequestSignerTests
{
    public static TheoryData<string> AllCases => [.. SigV4Case.All.Keys.Order()];

    // The JSON protocol posts to "/": cases whose path needs escaping or normalizing (which .NET's Uri does its own way) do not apply.
    public static TheoryData<string> PlainTargetCases => [.. PlainTargetNames];

    static List<string> PlainTargetNames => SigV4Case.All.Values.Where(c => PlainTarget().IsMatch(c.Target)
        && !c.Target.Contains("//", StringComparison.Ordinal) && !c.Target.Split('?')[0].Split('/').Any(s => s is "." or "..")).Select(c => c.Name).Order().ToList();

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Helper_EverySuiteCase_ReproducesItsStringToSignAndAuthorization(string name)
    {
        var suite = SigV4Case.All[name];

        Assert.Equal(suite.StringToSign, SigV4Case.StringToSignOf(suite.CanonicalRequest));
        Assert.Equal(suite.Authorization, SigV4Case.AuthorizationOf(suite.CanonicalRequest));
    }

    [Fact]
    public void PlainTargetCases_CoverThePostAndHeaderCases()
    {
        Assert.True(PlainTargetNames.Count >= 20, $"{PlainTargetNames.Count} cases");
        Assert.All(SigV4Case.All.Keys.Where(n => n.StartsWith("post-", StringComparison.Ordinal) || n.StartsWith("get-header", StringComparison.Ordinal)),
            n => Assert.Contains(n, PlainTargetNames));
    }

    [Theory]
    [MemberData(nameof(PlainTargetCases))]
    public async Task SignAsync_SuiteRequest_GivesTheSuitesSignatureOverItsHeadersAndBody(string name)
    {
        var suite = SigV4Case.All[name];
        var tokenInCanonical = Regex.Match(suite.CanonicalRequest, "^x-amz-security-token:(.*)$", RegexOptions.Multiline);
        var tokenInRequest = suite.Headers.Any(h => h.Name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase));
        AWSCredentials credentials = tokenInCanonical.Success && !tokenInRequest
            ? new SessionAWSCredentials(SigV4Case.AccessKey, SigV4Case.SecretKey, tokenInCanonical.Groups[1].Value)
            : new BasicAWSCredentials(SigV4Case.AccessKey, SigV4Case.SecretKey);
        var settings = new AwsSettings(RegionEndpoint.USEast1, new Dictionary<string, string?>(), credentials);
        var request = ToRequest(suite);

        await new SqsRequestSigner(settings, new ManualTimeProvider(SigV4Case.Time)).SignAsync(request, Encoding.UTF8.GetBytes(suite.Body), SigV4Case.Service);

        var expected = SigV4Case.AuthorizationOf(suite.CanonicalRequestWith("x-amz-content-sha256", suite.PayloadHash));
        Assert.Equal(expected, request.Headers.NonValidated["Authorization"].ToString());
        Assert.Equal("20150830T123600Z", request.Headers.NonValidated["X-Amz-Date"].ToString());
    }

    static HttpRequestMessage ToRequest(SigV4Case suite)
    {
        var host = suite.Headers.First(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
        var request = new HttpRequestMessage(new HttpMethod(suite.Method), new Uri($"https://{host}{suite.Target}"));
        foreach (var (header, value) in suite.Headers.Where(h => h.Name is not ("Host" or "X-Amz-Date")))
        {
            if (header.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent(Encoding.UTF8.GetBytes(suite.Body));
                request.Content.Headers.TryAddWithoutValidation(header, value);
            }
            else
            {
                Assert.True(request.Headers.TryAddWithoutValidation(header, value), header);
            }
        }

        return request;
    }

    [GeneratedRegex("^[A-Za-z0-9/?=&._~*-]*$")]
    private static partial Regex PlainTarget();
}
