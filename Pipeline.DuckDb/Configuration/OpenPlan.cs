namespace Pipeline.DuckDb.Configuration;

/// <summary>
/// How <see cref="DuckDbConfig"/> is applied: options for duckdb_config at start-up, then SET statements run on a
/// first connection before the database is handed out. DuckDB 1.5.6 rejects list-valued options
/// (allowed_directories, allowed_paths) in duckdb_config, fails duckdb_open_ext on options it does not recognize
/// there (TimeZone, extension options), refuses to change the lists once external access is off, and refuses
/// every SET once the configuration is locked. Hence the order: start-up options, deferred options, lists,
/// enable_external_access, lock_configuration; the last two stay start-up options when nothing needs SQL.
/// </summary>
internal sealed class OpenPlan
{
    private OpenPlan(List<KeyValuePair<string, string>> startup, List<string> statements)
    {
        Startup = startup;
        Statements = statements;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Startup { get; }

    public IReadOnlyList<string> Statements { get; }

    /// <param name="config">The options asked for.</param>
    /// <param name="deferred">Option names duckdb_open_ext does not accept, to be applied with SET instead.</param>
    public static OpenPlan Create(DuckDbConfig config, IReadOnlySet<string> deferred)
    {
        var startup = new List<KeyValuePair<string, string>>();
        var statements = new List<string>();
        foreach (var (name, value) in config.StartupOptions())
        {
            if (deferred.Contains(name))
            {
                // GLOBAL: session-scoped settings such as TimeZone would otherwise only reach this first connection.
                statements.Add($"SET GLOBAL {Identifier(name)} = {Literal(value)}");
            }
            else
            {
                startup.Add(new(name, value));
            }
        }

        if (config.AllowedDirectories is { } directories)
        {
            statements.Add($"SET allowed_directories = {ListLiteral(directories)}");
        }

        if (config.AllowedPaths is { } paths)
        {
            statements.Add($"SET allowed_paths = {ListLiteral(paths)}");
        }

        var sandbox = new List<KeyValuePair<string, string>>();
        if (config.EnableExternalAccess is { } external)
        {
            sandbox.Add(new("enable_external_access", external ? "true" : "false"));
        }

        if (config.LockConfiguration is { } locked)
        {
            sandbox.Add(new("lock_configuration", locked ? "true" : "false"));
        }

        if (statements.Count == 0)
        {
            startup.AddRange(sandbox);
        }
        else
        {
            statements.AddRange(sandbox.Select(option => $"SET {option.Key} = {option.Value}"));
        }

        return new OpenPlan(startup, statements);
    }

    // SET takes no parameters, so names and values are quoted here (quotes doubled), never pasted raw.
    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string ListLiteral(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";
}
