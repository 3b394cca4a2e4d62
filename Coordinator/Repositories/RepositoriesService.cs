using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfFleet.Contracts.V1;
using PerfFleet.Coordinator.Api;
using PerfFleet.Coordinator.Storage;
using PerfFleet.Coordinator.Storage.Entities;
using PerfFleet.Coordinator.Webhooks;
using RepositoryRegistration = PerfFleet.Contracts.V1.RepositoryRegistration;

namespace PerfFleet.Coordinator.Repositories;

/// <summary>
/// <c>perffleet.v1.Repositories</c>: registrations through the admin API. Secrets are
/// write-only: answers say whether one is set, never what it is.
/// </summary>
public sealed class RepositoriesService(
    IDbContextFactory<PerfFleetDbContext> contexts,
    IOptionsMonitor<RepositoryRegistryOptions> configured,
    TimeProvider time) : PerfFleet.Contracts.V1.Repositories.RepositoriesBase
{
    public override async Task<RepositoryRegistration> Register(RepositoryRegistration request, ServerCallContext context)
    {
        Validate(request);
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var lower = request.Name.ToLowerInvariant();
#pragma warning disable CA1862 // EF translates ToLower() to SQL lower(); the StringComparison overloads are not translatable
        var row = await db.Repositories.SingleOrDefaultAsync(r => r.Name.ToLower() == lower, context.CancellationToken);
#pragma warning restore CA1862
        var now = time.GetUtcNow();
        if (row is null)
        {
            row = new RepositoryEntity { Name = request.Name, CreatedAt = now };
            db.Repositories.Add(row);
        }

        row.CloneUrl = request.CloneUrl.Length > 0 ? request.CloneUrl : $"https://github.com/{request.Name}.git";
        row.DefaultBranch = request.DefaultBranch.Length > 0 ? request.DefaultBranch : "master";
        row.Scenarios = [.. request.Scenarios];
        row.RunDrafts = request.RunDrafts;

        // An empty secret in an update keeps the one stored: clients never see it to send it back.
        row.WebhookSecret = request.WebhookSecret.Length > 0 ? request.WebhookSecret : row.WebhookSecret;
        row.GitHubToken = request.GithubToken.Length > 0 ? request.GithubToken : row.GitHubToken;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(context.CancellationToken);
        return ToProto(row);
    }

    public override async Task<ListRepositoriesResponse> List(Empty request, ServerCallContext context)
    {
        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var rows = await db.Repositories.AsNoTracking().OrderBy(r => r.Name).ToListAsync(context.CancellationToken);
        var response = new ListRepositoriesResponse();
        response.Repositories.AddRange(rows.Select(ToProto));
        foreach (var entry in configured.CurrentValue.Repositories.Where(c => !rows.Any(r => string.Equals(r.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
        {
            var item = new RepositoryRegistration
            {
                Name = entry.Name,
                CloneUrl = string.IsNullOrWhiteSpace(entry.CloneUrl) ? $"https://github.com/{entry.Name}.git" : entry.CloneUrl,
                DefaultBranch = entry.DefaultBranch,
                RunDrafts = entry.RunDrafts,
                HasWebhookSecret = !string.IsNullOrEmpty(entry.WebhookSecret),
                HasGithubToken = !string.IsNullOrEmpty(entry.GitHubToken),
            };
            item.Scenarios.AddRange(entry.Scenarios);
            response.Repositories.Add(item);
        }

        return response;
    }

    public override async Task<Empty> Remove(RemoveRepositoryRequest request, ServerCallContext context)
    {
        if (request.Name.Length == 0)
        {
            ApiErrors.InvalidArgument("name", "is required");
        }

        await using var db = await contexts.CreateDbContextAsync(context.CancellationToken);
        var lower = request.Name.ToLowerInvariant();
#pragma warning disable CA1862 // as above
        var removed = await db.Repositories.Where(r => r.Name.ToLower() == lower).ExecuteDeleteAsync(context.CancellationToken);
#pragma warning restore CA1862
        if (removed == 0)
        {
            if (configured.CurrentValue.Repositories.Any(r => string.Equals(r.Name, request.Name, StringComparison.OrdinalIgnoreCase)))
            {
                ApiErrors.FailedPrecondition($"{request.Name} is registered in configuration (PerfFleet:Repositories): remove it there");
            }

            ApiErrors.NotFound($"no repository named {request.Name} is registered");
        }

        return new Empty();
    }

    private static void Validate(RepositoryRegistration request)
    {
        if (!InputRules.RepositoryName().IsMatch(request.Name))
        {
            ApiErrors.InvalidArgument("name", request.Name.Length == 0 ? "is required" : $"'{ApiErrors.Truncate(request.Name)}' is not of the form owner/name");
        }

        if (InputRules.CloneUrlProblem(request.CloneUrl) is { } cloneUrlProblem)
        {
            ApiErrors.InvalidArgument("clone_url", cloneUrlProblem);
        }

        if (request.DefaultBranch.Length > 255 || request.DefaultBranch.Any(c => char.IsControl(c) || c == ' '))
        {
            ApiErrors.InvalidArgument("default_branch", "must be a branch name");
        }

        foreach (var scenario in request.Scenarios)
        {
            if (!InputRules.ScenarioName().IsMatch(scenario))
            {
                ApiErrors.InvalidArgument("scenarios", $"'{ApiErrors.Truncate(scenario)}' is not a scenario name");
            }
        }
    }

    private static RepositoryRegistration ToProto(RepositoryEntity row)
    {
        var proto = new RepositoryRegistration
        {
            Name = row.Name,
            CloneUrl = row.CloneUrl,
            DefaultBranch = row.DefaultBranch,
            RunDrafts = row.RunDrafts,
            HasWebhookSecret = !string.IsNullOrEmpty(row.WebhookSecret),
            HasGithubToken = !string.IsNullOrEmpty(row.GitHubToken),
        };
        proto.Scenarios.AddRange(row.Scenarios);
        return proto;
    }
}
