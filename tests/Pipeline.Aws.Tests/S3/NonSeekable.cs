namespace Pipeline.Aws.Tests.S3;

/// <summary>A request body as Kestrel gives it: readable once, no length, no seeking, short reads.</summary>
public sealed class NonSeekable(byte[] content) : Stream
{
    int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, 64 * 1024), content.Length - position);
        Array.Copy(content, position, buffer, offset, n);
        position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
