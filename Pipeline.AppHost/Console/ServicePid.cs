namespace Pipeline.AppHost.Console;

/// <summary>
/// The process of a service itself. Aspire starts a project with <c>dotnet run --no-build</c>, and reports the pid of
/// that launcher; the service is its child, which is the process a user would look at or stop.
/// </summary>
public static class ServicePid
{
    public static int? Of(int? launcher)
    {
        if (launcher is not { } pid)
        {
            return null;
        }

        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length > 0 && int.TryParse(children[0], out var child) ? child : pid;
        }
        catch (IOException)
        {
            return pid;
        }
        catch (UnauthorizedAccessException)
        {
            return pid;
        }
    }
}
