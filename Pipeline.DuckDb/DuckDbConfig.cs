using System.Globalization;

namespace Pipeline.DuckDb;

/// <summary>
/// Start-up options for <see cref="DuckDbDatabase.Open"/>. The typed properties cover the options the pipeline
/// relies on; <see cref="Set"/> passes any other DuckDB option by name. Everything is applied before the database
/// is returned: core options through duckdb_config, options DuckDB only takes once open (TimeZone, extension
/// options) with <c>SET GLOBAL</c>, then the sandbox in the order DuckDB needs: allowed directories/paths,
/// enable_external_access, lock_configuration.
/// </summary>
public sealed class DuckDbConfig
{
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>memory_limit, e.g. <c>512MB</c> or <c>4GB</c>.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>threads: worker threads DuckDB may use.</summary>
    public int? Threads { get; set; }

    /// <summary>enable_external_access: false forbids reading or writing files outside the allowed lists, ATTACH, INSTALL and LOAD.</summary>
    public bool? EnableExternalAccess { get; set; }

    /// <summary>allowed_directories: directories (and everything below) that stay accessible when external access is off.</summary>
    public IReadOnlyList<string>? AllowedDirectories { get; set; }

    /// <summary>allowed_paths: single files that stay accessible when external access is off.</summary>
    public IReadOnlyList<string>? AllowedPaths { get; set; }

    /// <summary>lock_configuration: true makes every later SET/RESET of a setting fail.</summary>
    public bool? LockConfiguration { get; set; }

    /// <summary>temp_directory: where DuckDB spills when a query exceeds the memory limit.</summary>
    public string? TempDirectory { get; set; }

    /// <summary>Options given by name through <see cref="Set"/>.</summary>
    public IReadOnlyDictionary<string, string> Options => _options;

    /// <summary>Sets any DuckDB option by name (e.g. <c>default_order</c>, <c>autoload_known_extensions</c>); returns this config.</summary>
    public DuckDbConfig Set(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        _options[name] = value;
        return this;
    }

    internal IEnumerable<KeyValuePair<string, string>> StartupOptions()
    {
        foreach (var option in _options)
        {
            yield return option;
        }

        if (MemoryLimit is not null)
        {
            yield return new("memory_limit", MemoryLimit);
        }

        if (Threads is { } threads)
        {
            yield return new("threads", threads.ToString(CultureInfo.InvariantCulture));
        }

        if (TempDirectory is not null)
        {
            yield return new("temp_directory", TempDirectory);
        }
    }
}
