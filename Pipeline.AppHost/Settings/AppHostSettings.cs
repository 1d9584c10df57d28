using System.Globalization;

namespace Pipeline.AppHost.Settings;

/// <summary>
/// What the AppHost was asked for: <c>--data-dir</c>, <c>--api-port</c>, <c>--max-restarts</c> on the command line
/// (Aspire's configuration reads them), else <c>PIPELINE_*</c> variables, else the defaults.
/// </summary>
public sealed record AppHostSettings(string DataDir, int? ApiPort, int MaxRestarts)
{
    public const int DefaultApiPort = 5080;
    public const int DefaultMaxRestarts = 5;

    public static readonly string Help = """
        Starts Pipeline locally with the .NET Aspire dashboard: the silo (Orleans) and the REST API, with a
        file-system lake, SQLite state and DuckDB. Ctrl+C (or SIGTERM) stops everything.

        Usage: dotnet run --project Pipeline.AppHost [-- options]

          --data-dir DIR      the lake and the state [env: PIPELINE_DATA_DIR; default: .pipeline under the current folder]
          --api-port N        port of the REST API on 127.0.0.1; 0 picks a free one [env: PIPELINE_API_PORT; default: 5080]
          --max-restarts N    crashes of one service within 2 minutes it is restarted after [env: PIPELINE_MAX_RESTARTS; default: 5]
          --help              this text

        The dashboard listens on ASPNETCORE_URLS (http://127.0.0.1:18888 in the http launch profile) and prints its
        login URL at start. Pipeline__*, Orleans__*, Logging__* and AWS_* variables are passed on to the services;
        OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS) sends their telemetry to another OTLP backend instead.
        """;

    public static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    public static AppHostSettings From(IConfiguration configuration)
    {
        var dataDir = configuration["data-dir"] ?? configuration["PIPELINE_DATA_DIR"] ?? ".pipeline";
        var apiPort = Number(configuration["api-port"] ?? configuration["PIPELINE_API_PORT"], "--api-port", 0, 65535) ?? DefaultApiPort;
        var restarts = Number(configuration["max-restarts"] ?? configuration["PIPELINE_MAX_RESTARTS"], "--max-restarts", 0, 1000)
            ?? DefaultMaxRestarts;
        return new AppHostSettings(Path.GetFullPath(dataDir), apiPort == 0 ? null : apiPort, restarts);
    }

    static int? Number(string? text, string name, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{text}'.");
    }
}
