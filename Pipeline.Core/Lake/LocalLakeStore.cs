using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Pipeline.Core.Lake;

/// <summary>
/// The lake on the local file system under <c>&lt;data-dir&gt;/lake/</c>. ETag = size and modification
/// time. Writes go to a hidden temporary file first (never taken for an arrival) and are renamed into
/// place; identical content under the same key leaves the existing file untouched.
/// </summary>
public sealed class LocalLakeStore(LakeLayout layout) : ILakeStore
{
    const int BufferSize = 1 << 20;

    /// <summary>The layout (zone folders).</summary>
    public LakeLayout Layout { get; } = layout;

    /// <inheritdoc />
    public string LocalRoot(string zone) => Layout.Zone(zone);

    /// <inheritdoc />
    public Task<string> GetLocalPathAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(Layout.PathOf(key));

    /// <inheritdoc />
    public Task<LakeObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(Layout.PathOf(key));
        return Task.FromResult(file.Exists ? ToObject(key, file) : null);
    }

    /// <inheritdoc />
    public async Task<LakeObject> PutAsync(string key, Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        var target = Layout.PathOf(key);
        var temp = TempBeside(target);
        try
        {
            var (size, hash) = await CopyAsync(content, temp, maxBytes, cancellationToken);
            var existing = new FileInfo(target);
            if (existing.Exists && existing.Length == size && await HashAsync(target, cancellationToken) == hash)
            {
                return ToObject(key, existing);
            }

            File.Move(temp, target, overwrite: true);
            return ToObject(key, new FileInfo(target));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc />
    public Task<LakeObject> PutFileAsync(string localPath, string key, bool move, CancellationToken cancellationToken = default)
    {
        var target = Layout.PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (move)
        {
            File.Move(localPath, target, overwrite: true);
        }
        else
        {
            var temp = TempBeside(target);
            File.Copy(localPath, temp, overwrite: true);
            File.Move(temp, target, overwrite: true);
        }

        return Task.FromResult(ToObject(key, new FileInfo(target)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<LakeObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = Layout.PathOf(prefix.TrimEnd('/'));
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = new FileInfo(path);
            if (file.Exists)
            {
                yield return ToObject(Layout.KeyOf(path), file);
            }
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        File.Delete(Layout.PathOf(key));
        return Task.CompletedTask;
    }

    static LakeObject ToObject(string key, FileInfo file) =>
        new(key, file.Length, FileNames.LocalETag(file), new DateTimeOffset(file.LastWriteTimeUtc));

    static string TempBeside(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".write-{Guid.NewGuid():N}.tmp");
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
        }

        return (size, Convert.ToHexString(sha.GetHashAndReset()));
    }

    static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexString(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
