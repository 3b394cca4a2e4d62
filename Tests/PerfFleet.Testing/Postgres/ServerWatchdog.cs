using System.Diagnostics;
using System.Globalization;

namespace PerfFleet.Testing.Postgres;

/// <summary>
/// A detached shell process that waits for the owning test process to end, then stops the
/// test server (immediate shutdown) and deletes its directory. It is what cleans up when a test
/// run is killed (kill -9, a CI timeout): no code of the killed process can run then.
/// </summary>
public static class ServerWatchdog
{
    // $1 owner pid, $2 server directory. A zombie (exited, not yet reaped) counts as gone.
    private const string Script = """
        owner="$1"; dir="$2"
        alive() { kill -0 "$1" 2>/dev/null && [ "$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -c 1)" != Z ]; }
        while alive "$owner"; do sleep 0.5; done
        if [ -f "$dir/cluster/postmaster.pid" ]; then
          pid=$(head -n 1 "$dir/cluster/postmaster.pid")
          kill -QUIT "$pid" 2>/dev/null
          i=0
          while [ $i -lt 100 ] && alive "$pid"; do sleep 0.1; i=$((i+1)); done
        fi
        rm -rf "$dir"
        """;

    /// <summary>Starts the watchdog for <paramref name="serverDirectory"/>, owned by <paramref name="ownerProcessId"/>.</summary>
    public static void Start(int ownerProcessId, string serverDirectory)
    {
        // setsid + background + /dev/null stdio: the watchdog outlives the test host and holds none of
        // its pipes (the test platform waits for those to close).
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("setsid /bin/sh -c \"$0\" perffleet-test-watchdog \"$1\" \"$2\" </dev/null >/dev/null 2>&1 &");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(ownerProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(serverDirectory);
        using var launcher = Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh for the test server watchdog.");
        launcher.WaitForExit();
    }
}
