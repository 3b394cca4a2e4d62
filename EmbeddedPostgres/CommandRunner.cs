using System.Diagnostics;

namespace PerfFleet.EmbeddedPostgres;

/// <summary>Runs a program to completion and captures its output; the PostgreSQL tools are short-lived.</summary>
internal static class CommandRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => (StandardOutput + Environment.NewLine + StandardError).Trim();
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The cluster's files are written by the server's own user; a neutral directory it can read.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Messages in English whatever the host's locale, so failures read the same everywhere.
        startInfo.Environment["LC_MESSAGES"] = "C";

        using var process = Process.Start(startInfo)
            ?? throw new EmbeddedPostgresException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new EmbeddedPostgresException($"{Path.GetFileName(fileName)} {string.Join(' ', startInfo.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and throws <see cref="EmbeddedPostgresException"/> with the program's output when it fails.</summary>
    public static async Task<Result> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await RunAsync(fileName, arguments, timeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"{string.Join(' ', arguments.Prepend(fileName))} failed with exit code {result.ExitCode}: {result.Output}");
        }

        return result;
    }
}
