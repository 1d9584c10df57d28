using System.ComponentModel.DataAnnotations;

namespace Pipeline.Api.Security;

/// <summary>One API key, stored as the SHA-256 of the key (the key itself is never stored or logged).</summary>
public sealed class ApiKeyEntry
{
    /// <summary>A name for the key's owner, shown in logs instead of the key.</summary>
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Lower- or upper-case hex SHA-256 of the key.</summary>
    [Required, RegularExpression("^[0-9a-fA-F]{64}$", ErrorMessage = "Sha256 must be 64 hex characters")]
    public string Sha256 { get; set; } = "";

    /// <summary>The key's role.</summary>
    public ApiRole Role { get; set; } = ApiRole.Reader;
}

/// <summary>Section <c>Pipeline:Auth</c>: when keys are required and which exist.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pipeline:Auth";

    /// <summary><c>Auto</c> (required beyond loopback or with the AWS profile), <c>Required</c> or <c>Disabled</c>.</summary>
    public string Mode { get; set; } = "Auto";

    /// <summary>The keys.</summary>
    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode is not ("Auto" or "Required" or "Disabled"))
        {
            yield return new ValidationResult($"Pipeline:Auth:Mode must be Auto, Required or Disabled, got '{Mode}'.", [nameof(Mode)]);
        }

        for (var i = 0; i < Keys.Count; i++)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(Keys[i], new ValidationContext(Keys[i]), results, validateAllProperties: true))
            {
                foreach (var result in results)
                {
                    yield return new ValidationResult($"Pipeline:Auth:Keys:{i}: {result.ErrorMessage}", [nameof(Keys)]);
                }
            }
        }
    }
}
