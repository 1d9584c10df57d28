using System.Security.Cryptography;
using Amazon.S3.Model;
using Pipeline.Aws.S3;
using Pipeline.Aws.Tests.Support;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.Tests.S3;

[Collection(AwsCollection.Name)]
public sealed class S3LakeStoreTests(AwsEmulators emulators) : IAsyncLifetime
{
    const int PartSize = 5 * 1024 * 1024;
    TestBucket bucket = null!;

    public async Task InitializeAsync() => bucket = await TestBucket.CreateAsync(emulators);

    public Task DisposeAsync()
    {
        bucket.Dispose();
        return Task.CompletedTask;
    }

    S3LakeStore CreateSut() => bucket.Store(prefix: "team/prod", partSize: PartSize);

    [Fact]
    public async Task PutAsync_SmallContent_OnePutWhoseETagIsTheMd5UnderThePrefix()
    {
        var content = Bytes(1000, seed: 1);

        var stored = await CreateSut().PutAsync("raw/trips/a b.csv", new MemoryStream(content), long.MaxValue);

        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), stored.ETag);
        Assert.Equal(1000, stored.Size);
        var head = await bucket.Client.GetObjectMetadataAsync(bucket.Name, "team/prod/raw/trips/a b.csv");
        Assert.Equal($"\"{stored.ETag}\"", head.ETag);
        Assert.Equal(1, bucket.Metrics.Sum("pipeline.lake.uploads", "pipeline.lake.upload", "single"));
    }

    [Fact]
    public async Task PutAsync_AbovePartSize_MultipartWithTheSameETagEveryTime()
    {
        var content = Bytes(2 * PartSize + 1234, seed: 2);
        var sut = CreateSut();

        var first = await sut.PutAsync("raw/trips/big.csv", new NonSeekable(content), long.MaxValue);
        var again = await sut.PutAsync("raw/trips/big.csv", new NonSeekable(content), long.MaxValue);

        var partMd5s = content.Chunk(PartSize).SelectMany(MD5.HashData).ToArray();
        Assert.Equal($"{Convert.ToHexStringLower(MD5.HashData(partMd5s))}-3", first.ETag);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal(content.Length, (await sut.StatAsync("raw/trips/big.csv"))!.Size);
        Assert.Equal(content, await File.ReadAllBytesAsync(await sut.GetLocalPathAsync("raw/trips/big.csv")));
        Assert.Equal(2, bucket.Metrics.Sum("pipeline.lake.uploads", "pipeline.lake.upload", "multipart"));
    }

    [Fact]
    public async Task PutAsync_ExactlyOnePart_IsOnePut()
    {
        var stored = await CreateSut().PutAsync("raw/trips/one.csv", new NonSeekable(Bytes(PartSize, seed: 3)), long.MaxValue);

        Assert.DoesNotContain("-", stored.ETag);
        Assert.Equal(PartSize, stored.Size);
    }

    [Theory]
    [InlineData(3000, 2000)]
    [InlineData(3 * PartSize, 2 * PartSize + 10)]
    public async Task PutAsync_OverTheLimit_ThrowsAndStoresNothing(int size, long limit)
    {
        var sut = CreateSut();

        var error = await Assert.ThrowsAsync<UploadTooLargeException>(() => sut.PutAsync("raw/trips/x.csv", new NonSeekable(Bytes(size, 4)), limit));

        Assert.Equal(limit, error.Limit);
        Assert.Null(await sut.StatAsync("raw/trips/x.csv"));
        var uploads = await bucket.Client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket.Name });
        Assert.Empty(uploads.MultipartUploads ?? []);
    }

    internal static byte[] Bytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
