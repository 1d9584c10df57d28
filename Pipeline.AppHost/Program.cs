using System.CommandLine;
using System.Runtime.InteropServices;
using Pipeline.AppHost;
using Pipeline.AppHost.Dashboard.Storage;
using Pipeline.AppHost.Supervision;

var command = AppHostCommand.Create(async (options, cancellationToken) =>
{
    // Ctrl+C and SIGTERM stop the children gracefully before the AppHost exits.
    using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        shutdown.Cancel();
    }

    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    var console = new ConsoleLogStore(options.Dashboard.MaxConsoleLines, TimeProvider.System);
    var runner = new AppHostRunner(options, new ConsoleOutput(Console.Out, console), TimeProvider.System);
    return await runner.RunAsync(shutdown.Token);
});

return await command.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
