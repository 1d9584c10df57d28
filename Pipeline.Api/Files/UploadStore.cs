using System.Security.Cryptography;
using Pipeline.Core.Lake;

namespace Pipeline.Api.Files;

/// <summary>What writing an upload into the raw zone did.</summary>
public sealed record StoredUpload(string Key, long Size, string ETag, bool Unchanged);

/// <summary>The upload is larger than the configured limit.</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"The upload exceeds the limit of {limit} bytes.")
{
    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}

/// <summary>
/// Streams an upload into <c>raw/&lt;dataset&gt;/</c>: to a hidden temporary file first (never taken for
/// an arrival), then renamed into place. Identical content under the same name leaves the existing
/// file untouched, so its identity (size and modification time) and thus its arrival stay the same.
/// </summary>
public sealed class UploadStore(LakeLayout lake)
{
    const int BufferSize = 1 << 20;

    /// <summary>Writes the body; throws <see cref="UploadTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public async Task<StoredUpload> WriteAsync(string dataset, string name, Stream body, long maxBytes, CancellationToken cancellationToken = default)
    {
        var key = $"{LakeLayout.Raw}/{dataset}/{name}";
        var target = lake.PathOf(key);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            var (size, hash) = await CopyAsync(body, temp, maxBytes, cancellationToken);
            if (File.Exists(target) && new FileInfo(target).Length == size && await HashAsync(target, cancellationToken) == hash)
            {
                File.Delete(temp);
                return new StoredUpload(key, size, FileNames.LocalETag(new FileInfo(target)), Unchanged: true);
            }

            File.Move(temp, target, overwrite: true);
            return new StoredUpload(key, size, FileNames.LocalETag(new FileInfo(target)), Unchanged: false);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    static async Task<(long Size, string Hash)> CopyAsync(Stream body, string path, long maxBytes, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new UploadTooLargeException(maxBytes);
                }

                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
        }

        return (size, Convert.ToHexString(sha.GetHashAndReset()));
    }

    static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
