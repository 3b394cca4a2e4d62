namespace PerfFleet.Cli.Bisect;

/// <summary>
/// A bisection's state over the first-parent commits after a good commit, the last of them bad:
/// everything up to <see cref="LastGood"/> measured like the good commit, everything from
/// <see cref="FirstBad"/> on like the bad one. Each measurement halves what lies between.
/// </summary>
public sealed class BisectRange
{
    private readonly string[] commits;
    private int lastGood = -1; // index into commits; -1 is the good commit itself
    private int firstBad;

    public BisectRange(string good, IReadOnlyList<string> commits)
    {
        ArgumentException.ThrowIfNullOrEmpty(good);
        ArgumentNullException.ThrowIfNull(commits);
        if (commits.Count == 0)
        {
            throw new ArgumentException("a range needs at least its bad commit", nameof(commits));
        }

        Good = good;
        this.commits = [.. commits];
        firstBad = this.commits.Length - 1;
    }

    /// <summary>The commit the range starts after, measured against by every run.</summary>
    public string Good { get; }

    /// <summary>The commit the range ends with.</summary>
    public string Bad => commits[^1];

    public IReadOnlyList<string> Commits => commits;

    public string LastGood => lastGood < 0 ? Good : commits[lastGood];

    public string FirstBad => commits[firstBad];

    /// <summary>Commits not measured yet that could still be the first bad one (the first bad candidate included).</summary>
    public int Candidates => firstBad - lastGood;

    /// <summary>Measurements still needed in the worst case: log2 of the candidates, rounded up.</summary>
    public int StepsLeft => Candidates <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(Candidates));

    public bool Done => Candidates <= 1;

    /// <summary>The commit to measure next: the middle of the open candidates.</summary>
    public string Next => Done ? throw new InvalidOperationException("the range is narrowed to one commit") : commits[lastGood + ((firstBad - lastGood) / 2)];

    public void MarkGood(string commit) => lastGood = IndexOfOpen(commit);

    public void MarkBad(string commit) => firstBad = IndexOfOpen(commit);

    private int IndexOfOpen(string commit)
    {
        var index = Array.IndexOf(commits, commit);
        return index > lastGood && index < firstBad
            ? index
            : throw new ArgumentException($"{commit} is not between the last good and first bad commit", nameof(commit));
    }
}
