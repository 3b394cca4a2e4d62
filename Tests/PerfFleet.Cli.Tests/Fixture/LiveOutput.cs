using PerfFleet.Testing.Waiting;

namespace PerfFleet.Cli.Tests.Fixture;

/// <summary>
/// A stdout/stderr for an in-process CLI run that the test reads while the command still writes
/// (`watch` prints as the coordinator's events arrive), so a test can wait for a line before it
/// moves the test on.
/// </summary>
public sealed class LiveOutput : StringWriter
{
    private readonly Lock gate = new();

    public override void Write(char value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (gate)
        {
            base.Write(buffer, index, count);
        }
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            base.Write(buffer);
        }
    }

    public override void Write(string? value)
    {
        lock (gate)
        {
            base.Write(value);
        }
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (gate)
        {
            base.WriteLine(buffer);
        }
    }

    public override string ToString()
    {
        lock (gate)
        {
            return base.ToString();
        }
    }

    /// <summary>Waits until the output holds <paramref name="text"/>.</summary>
    public Task WaitForAsync(string text) =>
        Eventually.WaitUntilAsync(() => ToString().Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(30), $"'{text}' in the output");
}
