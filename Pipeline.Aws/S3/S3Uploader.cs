using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;
using Pipeline.Core.Lake;

namespace Pipeline.Aws.S3;

/// <summary>
/// Streams content into one object: up to one part size it is a single PUT (ETag = MD5 of the content);
/// beyond, a multipart upload with parts of exactly the part size (ETag = MD5 of the part MD5s, "-N"),
/// so the same content always gets the same ETag. At most two parts are held in memory.
/// </summary>
internal sealed class S3Uploader(IAmazonS3 s3, string bucket, int partSize, S3LakeMetrics metrics)
{
    /// <summary>Uploads <paramref name="content"/>; throws <see cref="UploadTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public async Task<(long Size, string ETag)> UploadAsync(string objectKey, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var first = ArrayPool<byte>.Shared.Rent(partSize);
        var second = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var firstLength = await FillAsync(content, first, cancellationToken);
            var secondLength = firstLength < partSize ? 0 : await FillAsync(content, second, cancellationToken);
            if ((long)firstLength + secondLength > maxBytes)
            {
                throw new UploadTooLargeException(maxBytes);
            }

            if (secondLength == 0)
            {
                using var body = new MemoryStream(first, 0, firstLength, writable: false);
                var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = objectKey, InputStream = body }, cancellationToken);
                metrics.Uploaded(multipart: false);
                return (firstLength, S3Keys.BareETag(put.ETag));
            }

            return await MultipartAsync(objectKey, content, maxBytes, (first, firstLength), (second, secondLength), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    async Task<(long Size, string ETag)> MultipartAsync(
        string objectKey, Stream content, long maxBytes, (byte[] Buffer, int Length) first, (byte[] Buffer, int Length) next,
        CancellationToken cancellationToken)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = objectKey }, cancellationToken);
        try
        {
            var parts = new List<UploadPartResponse> { await PartAsync(objectKey, upload.UploadId, 1, first, cancellationToken) };
            long size = first.Length;
            while (next.Length > 0)
            {
                size += next.Length;
                if (size > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }

                parts.Add(await PartAsync(objectKey, upload.UploadId, parts.Count + 1, next, cancellationToken));
                next = (next.Buffer, await FillAsync(content, next.Buffer, cancellationToken));
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = upload.UploadId };
            complete.AddPartETags(parts);
            var done = await s3.CompleteMultipartUploadAsync(complete, cancellationToken);
            metrics.Uploaded(multipart: true);
            return (size, S3Keys.BareETag(done.ETag));
        }
        catch
        {
            // Parts of an unfinished upload are billed until aborted.
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = objectKey, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }

    async Task<UploadPartResponse> PartAsync(string objectKey, string uploadId, int number, (byte[] Buffer, int Length) part, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(part.Buffer, 0, part.Length, writable: false);
        return await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket, Key = objectKey, UploadId = uploadId, PartNumber = number, PartSize = part.Length, InputStream = body,
        }, cancellationToken);
    }

    async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < partSize && (read = await content.ReadAsync(buffer.AsMemory(filled, partSize - filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled;
    }
}
