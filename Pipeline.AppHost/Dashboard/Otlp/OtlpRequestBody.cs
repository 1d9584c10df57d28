using System.IO.Compression;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Pipeline.AppHost.Dashboard.Otlp;

/// <summary>
/// Reads an OTLP/HTTP request body: binary protobuf only (<c>application/x-protobuf</c>), optionally
/// gzip-compressed, at most <see cref="MaxBytes"/> once decompressed.
/// </summary>
internal static class OtlpRequestBody
{
    /// <summary>Largest accepted (decompressed) body.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>The parsed message, or the error response to send instead.</summary>
    public static async Task<(T? Message, IResult? Error)> ReadAsync<T>(
        HttpRequest request, MessageParser<T> parser, CancellationToken cancellationToken = default)
        where T : IMessage<T>
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, ProtobufResult.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (default, Results.Text(
                $"Only {ProtobufResult.ContentType} is accepted (OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf).",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase);
        if (!gzip && encoding is not ("" or "identity"))
        {
            return (default, Results.Text($"Content-Encoding '{encoding}' is not supported; use gzip or none.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        using var buffer = new MemoryStream();
        var unzip = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : null;
        try
        {
            if (!await CopyBoundedAsync(unzip ?? request.Body, buffer, cancellationToken).ConfigureAwait(false))
            {
                return (default, Results.Text($"The body is larger than {MaxBytes} bytes.",
                    statusCode: StatusCodes.Status413PayloadTooLarge));
            }

            buffer.Position = 0;
            return (parser.ParseFrom(buffer), null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidProtocolBufferException)
        {
            return (default, Results.Text($"The body is not a valid OTLP message: {ex.Message}",
                statusCode: StatusCodes.Status400BadRequest));
        }
        finally
        {
            if (unzip is not null)
            {
                await unzip.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    static async Task<bool> CopyBoundedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > MaxBytes)
            {
                return false;
            }

            target.Write(chunk, 0, read);
        }

        return true;
    }
}
