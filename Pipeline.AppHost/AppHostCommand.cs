using System.CommandLine;
using System.Globalization;
using Pipeline.AppHost.Dashboard;

namespace Pipeline.AppHost;

/// <summary>The command line: options with environment-variable fallbacks and <c>--help</c>.</summary>
public static class AppHostCommand
{
    /// <summary>Builds the root command; <paramref name="run"/> receives the resolved options.</summary>
    public static RootCommand Create(Func<AppHostOptions, CancellationToken, Task<int>> run)
    {
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "Folder for the lake and the grain state [env: PIPELINE_DATA_DIR]",
            DefaultValueFactory = _ => Env("PIPELINE_DATA_DIR") ?? ".pipeline",
        };
        var apiPort = PortOption("--api-port", "PIPELINE_API_PORT", AppHostOptions.DefaultApiPort,
            "Port of the REST API on 127.0.0.1");
        var siloPort = PortOption("--silo-port", "PIPELINE_SILO_PORT", 0,
            "Port of the silo on 127.0.0.1; 0 picks a free port");
        var maxRestarts = new Option<int>("--max-restarts")
        {
            Description = "Crashes of one service within 2 minutes before the AppHost gives up " +
                          $"[env: PIPELINE_MAX_RESTARTS]",
            DefaultValueFactory = _ => EnvInt("PIPELINE_MAX_RESTARTS") ?? AppHostOptions.DefaultMaxRestarts,
        };
        var dashboardPort = PortOption("--dashboard-port", "PIPELINE_DASHBOARD_PORT", DashboardOptions.DefaultPort,
            "Port of the dashboard and its OTLP receiver on 127.0.0.1; 0 picks a free port");
        var dashboardUnsecured = new Option<bool>("--dashboard-unsecured")
        {
            Description = "Serve the dashboard without asking for the login token [env: PIPELINE_DASHBOARD_UNSECURED=true]",
            DefaultValueFactory = _ => Env("PIPELINE_DASHBOARD_UNSECURED") is "true" or "True" or "TRUE" or "1",
        };
        maxRestarts.Validators.Add(r =>
        {
            if (IsInt(r) && r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--max-restarts must be 0 or more");
            }
        });

        var root = new RootCommand(
            "Starts Pipeline locally: the silo and the REST API as supervised child processes, " +
            "with a file-system lake, SQLite state and DuckDB. Ctrl+C stops everything.")
        {
            dataDir, apiPort, siloPort, maxRestarts, dashboardPort, dashboardUnsecured,
        };
        root.SetAction((parse, cancellationToken) => run(new AppHostOptions
        {
            DataDir = Path.GetFullPath(parse.GetValue(dataDir)!),
            ApiPort = parse.GetValue(apiPort),
            SiloPort = parse.GetValue(siloPort),
            MaxRestarts = parse.GetValue(maxRestarts),
            OtlpEndpoint = Env("OTEL_EXPORTER_OTLP_ENDPOINT"),
            Dashboard = new DashboardOptions
            {
                Port = parse.GetValue(dashboardPort),
                Unsecured = parse.GetValue(dashboardUnsecured),
                OtlpApiKey = Env("PIPELINE_DASHBOARD_OTLP_API_KEY"),
                MaxSpans = Positive("PIPELINE_DASHBOARD_MAX_SPANS") ?? DashboardOptions.DefaultMaxSpans,
                MaxLogs = Positive("PIPELINE_DASHBOARD_MAX_LOGS") ?? DashboardOptions.DefaultMaxLogs,
                MaxPointsPerSeries = Positive("PIPELINE_DASHBOARD_MAX_METRIC_POINTS") ?? DashboardOptions.DefaultMaxPointsPerSeries,
                MaxConsoleLines = Positive("PIPELINE_DASHBOARD_MAX_CONSOLE_LINES") ?? DashboardOptions.DefaultMaxConsoleLines,
            },
        }, cancellationToken));
        return root;
    }

    static Option<int> PortOption(string name, string variable, int fallback, string description)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} [env: {variable}]",
            DefaultValueFactory = _ => EnvInt(variable) ?? fallback,
        };
        option.Validators.Add(r =>
        {
            if (IsInt(r) && r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError($"{name} must be between 0 and 65535");
            }
        });
        return option;
    }

    // A value that is not a number is reported by the parser itself; only range-check numbers.
    static bool IsInt(System.CommandLine.Parsing.OptionResult r) =>
        r.Tokens.Count == 0 || int.TryParse(r.Tokens[^1].Value, CultureInfo.InvariantCulture, out _);

    static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    static int? Positive(string name) => EnvInt(name) is > 0 and var v ? v : null;

    static int? EnvInt(string name) =>
        int.TryParse(Env(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
