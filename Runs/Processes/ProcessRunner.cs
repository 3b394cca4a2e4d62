using System.Diagnostics;
using System.Text;

namespace PerfFleet.Runs.Processes;

/// <summary>
/// Runs a command to completion (git, docker, compose) with arguments passed as a list, never
/// through a shell, so repository URLs and commits cannot inject commands.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Output kept per stream: enough for an error message, bounded for chatty tools.</summary>
    private const int MaxCapturedChars = 64 * 1024;

    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its exit code and output. Cancellation or the
    /// timeout kill the whole process tree; a timeout is a <see cref="TimeoutException"/>.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, ProcessRunOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ProcessRunOptions();
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in options.Environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        var stdout = new BoundedText(MaxCapturedChars);
        var stderr = new BoundedText(MaxCapturedChars);
        process.OutputDataReceived += (_, e) => stdout.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"cannot start \"{fileName}\": {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Timeout is { } limit)
        {
            timeout.CancelAfter(limit);
        }

        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"\"{fileName} {string.Join(' ', startInfo.ArgumentList)}\" did not finish within {options.Timeout}");
            }

            throw;
        }

        // The parameterless wait flushes the asynchronous output readers.
        await process.WaitForExitAsync(CancellationToken.None);
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the cancellation and the kill: nothing left to stop.
        }
    }

    /// <summary>Keeps the tail of a stream: the end of a tool's output is where the error is.</summary>
    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public void AppendLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                {
                    _text.Remove(0, _text.Length - limit);
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}
