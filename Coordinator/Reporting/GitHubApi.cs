using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit;
using Polly;
using Polly.Retry;

namespace PerfFleet.Coordinator.Reporting;

/// <summary>
/// Where every GitHub REST call of PerfFleet goes through: Octokit for the call, with the
/// repository's credentials (<see cref="IGitHubCredentials"/>), inside a Polly retry pipeline on
/// the host's <see cref="TimeProvider"/>. Transient failures (<see cref="GitHubRetryAdvice"/>) are
/// retried up to <see cref="GitHubOptions.MaxAttempts"/> times, waiting as GitHub asks (else 1 s,
/// 2 s, 4 s, ...); a wait longer than <see cref="GitHubOptions.MaxRetryDelay"/> is not waited here
/// but surfaces as a transient <see cref="GitHubApiException"/> with its <c>RetryAfter</c>, for the
/// outbox to retry later. Permanent failures (other 4xx) surface at once.
/// </summary>
public sealed class GitHubApi
{
    private readonly IGitHubCredentials _credentials;
    private readonly GitHubClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline _retry;

    public GitHubApi(IGitHubCredentials credentials, GitHubClientFactory clients, IOptions<GitHubOptions> options, TimeProvider time, ILogger<GitHubApi> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _credentials = credentials;
        _clients = clients;
        _time = time;
        _retry = CreateRetryPipeline(options.Value, time, logger);
    }

    /// <summary>
    /// Runs <paramref name="call"/> (named <paramref name="operation"/> in errors and logs) as the
    /// repository's credentials allow, retrying what is worth retrying.
    /// </summary>
    /// <exception cref="NoGitHubCredentialsException">No token for the repository: GitHub refuses anonymous reports.</exception>
    /// <exception cref="GitHubApiException">GitHub refused, or did not answer after the retries.</exception>
    public async Task<T> CallAsync<T>(string repository, long? installationId, string operation, Func<IGitHubClient, GitHubRepositoryName, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var name = GitHubRepositoryName.Parse(repository);
        return await _retry.ExecuteAsync(
            async token =>
            {
                try
                {
                    // Inside the pipeline: an installation token that GitHub failed to issue is retried like the call.
                    var credential = await _credentials.GetTokenAsync(repository, installationId, token)
                        ?? throw new NoGitHubCredentialsException();

                    // Octokit's calls take no cancellation token: stop waiting on ours; the request itself ends by its timeout.
                    return await call(_clients.Create(credential), name).WaitAsync(token);
                }
                catch (Exception e) when (GitHubRetryAdvice.Describe(operation, e, _time.GetUtcNow(), token) is { } failure && !ReferenceEquals(failure, e))
                {
                    throw failure;
                }
            },
            cancellationToken);
    }

    /// <summary>The same as <see cref="CallAsync{T}"/> for calls that answer nothing PerfFleet reads.</summary>
    public Task CallAsync(string repository, long? installationId, string operation, Func<IGitHubClient, GitHubRepositoryName, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync(repository, installationId, operation, async (client, name) =>
        {
            await call(client, name);
            return true;
        }, cancellationToken);
    }

    private static ResiliencePipeline CreateRetryPipeline(GitHubOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = options.MaxRetryDelay,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is GitHubApiException { IsTransient: true } failure
                    && (failure.RetryAfter is not { } asked || asked <= options.MaxRetryDelay)),
                DelayGenerator = args => ValueTask.FromResult((args.Outcome.Exception as GitHubApiException)?.RetryAfter),
                OnRetry = args =>
                {
                    ReportingLog.GitHubRetry(logger, args.Outcome.Exception!.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
