namespace Pipeline.Silo.Grains;

/// <summary>Kinds of refusals a grain call can end with; each maps to an HTTP status.</summary>
public enum GrainErrorKind
{
    /// <summary>404: the dataset or run does not exist.</summary>
    NotFound,

    /// <summary>409: the call conflicts with the grain's state.</summary>
    Conflict,

    /// <summary>400: the input is invalid; <see cref="GrainException.Errors"/> names the fields.</summary>
    Invalid,
}

/// <summary>A grain call refused with a reason the caller should see.</summary>
public sealed class GrainException(GrainErrorKind kind, string message, IDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    /// <summary>What kind of refusal.</summary>
    public GrainErrorKind Kind { get; } = kind;

    /// <summary>Field errors for <see cref="GrainErrorKind.Invalid"/>.</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;
}
