using System.Runtime.InteropServices;

namespace Pipeline.AppHost.Supervision;

/// <summary>POSIX signals to children: .NET can only SIGKILL a process, but a graceful stop needs SIGTERM.</summary>
internal static partial class Signals
{
    const int SigTerm = 15;

    /// <summary>Asks a process to stop; false when it is already gone.</summary>
    public static bool Terminate(int pid) => OperatingSystem.IsWindows() ? false : Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
