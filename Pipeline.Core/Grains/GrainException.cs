namespace Pipeline.Core.Grains;

/// <summary>Kinds of refusals a grain call can end with; each maps to an HTTP status.</summary>
[GenerateSerializer, Alias("pipeline.GrainErrorKind")]
public enum GrainErrorKind
{
    /// <summary>404: the dataset or run does not exist.</summary>
    NotFound,

    /// <summary>409: the call conflicts with the grain's state.</summary>
    Conflict,

    /// <summary>400: the input is invalid; <see cref="GrainException.Errors"/> names the fields.</summary>
    Invalid,
}

/// <summary>
/// A grain call refused with a reason the caller should see. Serializable by Orleans, so it reaches the
/// Api as itself (an exception type Orleans cannot serialize arrives as a codec error).
/// </summary>
[GenerateSerializer, Alias("pipeline.GrainException")]
public sealed class GrainException : Exception
{
    public GrainException()
    {
    }

    public GrainException(string message)
        : this(GrainErrorKind.Invalid, message)
    {
    }

    public GrainException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public GrainException(GrainErrorKind kind, string message, IDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Reason = message;
        Errors = errors is null ? null : new Dictionary<string, string[]>(errors);
    }

    [Id(0)]
    public GrainErrorKind Kind { get; init; }

    /// <summary>The message, carried as a field of its own so it survives any serializer.</summary>
    [Id(1)]
    public string Reason { get; init; } = "";

    /// <summary>Field errors (JSON path to reasons) for <see cref="GrainErrorKind.Invalid"/>.</summary>
    [Id(2)]
    public Dictionary<string, string[]>? Errors { get; init; }

    public override string Message => Reason.Length > 0 ? Reason : base.Message;
}
