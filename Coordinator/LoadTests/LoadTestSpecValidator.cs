using System.Text.RegularExpressions;
using PerfFleet.Contracts.Payloads;
using PerfFleet.Contracts.Scenarios;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;

namespace PerfFleet.Coordinator.LoadTests;

/// <summary>
/// Checks a requested <see cref="LoadTestSpec"/> before anything is stored: each problem is an
/// INVALID_ARGUMENT naming the field, each limit a RESOURCE_EXHAUSTED naming the limit.
/// </summary>
public sealed partial class LoadTestSpecValidator(RepositoryQuotas quotas)
{
    /// <summary>Inline specs larger than this are refused before parsing.</summary>
    public const int MaxInlineSpecLength = 256 * 1024;


    public void Validate(LoadTestSpec? spec)
    {
        if (spec is null)
        {
            ApiErrors.InvalidArgument("spec", "is required");
        }

        var limits = quotas.For(spec.Repository);
        if (spec.Repository.Length > 0 && !InputRules.RepositoryName().IsMatch(spec.Repository))
        {
            ApiErrors.InvalidArgument("spec.repository", $"'{ApiErrors.Truncate(spec.Repository)}' is not a repository name of the form owner/name");
        }

        if (InputRules.CloneUrlProblem(spec.CloneUrl) is { } cloneUrlProblem)
        {
            ApiErrors.InvalidArgument("spec.clone_url", cloneUrlProblem);
        }

        var hasSource = spec.Repository.Length > 0 || spec.CloneUrl.Length > 0;
        if (hasSource && !CommitSha().IsMatch(spec.Commit))
        {
            ApiErrors.InvalidArgument("spec.commit", spec.Commit.Length == 0 ? "is required with a repository" : $"'{ApiErrors.Truncate(spec.Commit)}' is not a commit SHA (7 to 64 hex digits)");
        }

        if (spec.BaselineCommit.Length > 0)
        {
            if (!hasSource)
            {
                ApiErrors.InvalidArgument("spec.baseline_commit", "needs a repository or clone URL: a paired run checks both commits out");
            }

            if (!CommitSha().IsMatch(spec.BaselineCommit))
            {
                ApiErrors.InvalidArgument("spec.baseline_commit", $"'{ApiErrors.Truncate(spec.BaselineCommit)}' is not a commit SHA (7 to 64 hex digits)");
            }
        }

        if (spec.Pairs is < 0 or > ScenarioRepeat.MaxPairs)
        {
            ApiErrors.InvalidArgument("spec.pairs", $"must be between 1 and {ScenarioRepeat.MaxPairs}, or 0 for the scenario's repeat.pairs");
        }

        if (!string.IsNullOrWhiteSpace(spec.Search))
        {
            // Checked here with the file's rules, so a bad search fails at once, not on a worker
            // after a checkout; whether the scenario has a load section the worker checks.
            ScenarioSearch? search = null;
            try
            {
                search = ScenarioParser.ParseSearch(spec.Search, "spec.search");
            }
            catch (ScenarioException e)
            {
                ApiErrors.InvalidArgument("spec.search", e.Field.Length > 0 ? $"{e.Field}: {e.Problem}" : e.Problem);
            }

            // The search's top is the test's peak rate, as a scenario's search.to is for the worker.
            if (search is not null && search.To > limits.MaxRate.Value)
            {
                ApiErrors.ResourceExhausted($"spec.search goes up to {search.To}/s, above the limit of {limits.MaxRate.Value}/s ({limits.MaxRate.Setting})");
            }
        }

        if (spec.Pairs > 0 && spec.BaselineCommit.Length == 0)
        {
            ApiErrors.InvalidArgument("spec.pairs", "needs spec.baseline_commit: pairs interleave the baseline commit with the commit");
        }

        if (!hasSource && spec.InlineSpec.Length == 0)
        {
            ApiErrors.InvalidArgument("spec", "give a repository (with a commit) or an inline_spec");
        }

        if (spec.Scenario.Length > 0 && !InputRules.ScenarioName().IsMatch(spec.Scenario))
        {
            ApiErrors.InvalidArgument("spec.scenario", $"'{ApiErrors.Truncate(spec.Scenario)}' is not a scenario name (letters, digits, '.', '_', '-'; at most 100)");
        }

        if (!double.IsFinite(spec.Rate) || spec.Rate < 0)
        {
            ApiErrors.InvalidArgument("spec.rate", "must be a positive number of requests per second, or 0 for the scenario's rate");
        }

        if (spec.Rate > limits.MaxRate.Value)
        {
            ApiErrors.ResourceExhausted($"spec.rate {spec.Rate}/s is above the limit of {limits.MaxRate.Value}/s ({limits.MaxRate.Setting})");
        }

        // Past what all of the repository's running tests may send together, it could never start.
        if (limits.MaxTotalRate is { } total && spec.Rate > total.Value)
        {
            ApiErrors.ResourceExhausted($"spec.rate {spec.Rate}/s is above the {total.Value}/s that all of {spec.Repository}'s running tests may send together ({total.Setting})");
        }

        if (spec.Duration is { } duration)
        {
            if (duration.Seconds < 0 || duration.Nanos < 0 || (duration.Seconds == 0 && duration.Nanos == 0))
            {
                ApiErrors.InvalidArgument("spec.duration", "must be longer than zero");
            }

            if (duration.ToTimeSpan() > limits.MaxDuration.Value)
            {
                ApiErrors.ResourceExhausted($"spec.duration {duration.ToTimeSpan()} is above the limit of {limits.MaxDuration.Value} ({limits.MaxDuration.Setting})");
            }
        }

        if (spec.Priority is < -1000 or > 1000)
        {
            ApiErrors.InvalidArgument("spec.priority", "must be between -1000 and 1000");
        }

        if (spec.Tag.Length > 0 && !Tag().IsMatch(spec.Tag))
        {
            ApiErrors.InvalidArgument("spec.tag", "letters, digits, '.', '_', ':', '-'; at most 64");
        }

        if (spec.PullRequest < 0)
        {
            ApiErrors.InvalidArgument("spec.pull_request", "must be 0 (none) or a pull request number");
        }

        if (spec.Branch.Length > 255 || spec.Branch.Any(char.IsControl))
        {
            ApiErrors.InvalidArgument("spec.branch", "at most 255 characters, no control characters");
        }

        if (spec.Requests.Length > 0 && RequestsProblem(spec.Requests) is { } requestsProblem)
        {
            ApiErrors.InvalidArgument("spec.requests", requestsProblem);
        }

        if (PayloadReference.IsPayload(spec.Requests))
        {
            // Stored as the parser writes it (lower-case scheme and hash), so it is found by the
            // payload store's check for tests that use a payload.
            spec.Requests = PayloadReference.Parse(spec.Requests).ToString();
        }

        if (spec.InlineSpec.Length > 0)
        {
            ValidateInlineSpec(spec, limits);
        }
    }

    /// <summary>Null when <paramref name="requests"/> is payload://name[@sha256:hex] or a path inside the checkout, as the scenario file's <c>requests:</c>.</summary>
    private static string? RequestsProblem(string requests)
    {
        if (PayloadReference.IsPayload(requests))
        {
            try
            {
                PayloadReference.Parse(requests);
                return null;
            }
            catch (FormatException ex)
            {
                return ex.Message;
            }
        }

        var segments = requests.Replace('\\', '/').Split('/');
        return requests.Length > 1024 ? "at most 1024 characters"
            : requests.Any(char.IsControl) ? "must not hold control characters"
            : Path.IsPathRooted(requests) || requests.StartsWith('~') || segments.Contains("..") ? $"'{ApiErrors.Truncate(requests)}' must be payload://name or a path inside the repository (relative, without \"..\")"
            : null;
    }

    private static void ValidateInlineSpec(LoadTestSpec spec, QuotaLimits limits)
    {
        if (spec.InlineSpec.Length > MaxInlineSpecLength)
        {
            ApiErrors.InvalidArgument("spec.inline_spec", $"is {spec.InlineSpec.Length} characters long; the limit is {MaxInlineSpecLength}");
        }

        ScenarioFile file;
        try
        {
            file = ScenarioParser.Parse(spec.InlineSpec, "inline_spec");
        }
        catch (ScenarioException ex)
        {
            ApiErrors.InvalidArgument("spec.inline_spec", ex.Message);
            return;
        }

        Scenario? scenario = null;
        if (spec.Scenario.Length > 0 && !file.Scenarios.TryGetValue(spec.Scenario, out scenario))
        {
            ApiErrors.InvalidArgument("spec.scenario", $"'{spec.Scenario}' is not in inline_spec (it has: {string.Join(", ", file.Scenarios.Keys)})");
        }

        if (spec.Scenario.Length == 0 && file.Scenarios.Count != 1)
        {
            ApiErrors.InvalidArgument("spec.scenario", $"inline_spec has {file.Scenarios.Count} scenarios; name one of: {string.Join(", ", file.Scenarios.Keys)}");
        }

        scenario ??= file.Scenarios.Values.Single();
        if (scenario.Load is { } load && spec.Rate == 0 && load.PeakRate > limits.MaxRate.Value)
        {
            ApiErrors.ResourceExhausted($"the scenario's rate {load.PeakRate}/s is above the limit of {limits.MaxRate.Value}/s ({limits.MaxRate.Setting})");
        }

        if (scenario.Load is { } window && spec.Duration is null && window.MeasuredDuration > limits.MaxDuration.Value)
        {
            ApiErrors.ResourceExhausted($"the scenario's duration {window.MeasuredDuration} is above the limit of {limits.MaxDuration.Value} ({limits.MaxDuration.Setting})");
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{7,64}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex Tag();
}
