using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PerfFleet.Contracts.V1;
using PerfFleet.Testing.Coordinator;

namespace PerfFleet.Coordinator.Tests.Api;

/// <summary>Repository registrations through the admin API: secrets go in and never come out.</summary>
public sealed class RepositoriesApiTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private static readonly Metadata Admin = CoordinatorTestHost.Admin;
    private readonly PerfFleet.Contracts.V1.Repositories.RepositoriesClient client = fixture.Host.Repositories;

    [Fact]
    public async Task Register_WithSecrets_ListShowsRegistrationWithoutSecrets()
    {
        var name = Specs.NewRepository();
        var registered = await client.RegisterAsync(new RepositoryRegistration { Name = name, WebhookSecret = "hook-secret-value", GithubToken = "ghp_secretvalue", Scenarios = { "api" } }, Admin);

        var listed = (await client.ListAsync(new Empty(), Admin)).Repositories.Single(r => r.Name == name);

        foreach (var registration in new[] { registered, listed })
        {
            Assert.Empty(registration.WebhookSecret);
            Assert.Empty(registration.GithubToken);
            Assert.True(registration.HasWebhookSecret);
            Assert.True(registration.HasGithubToken);
            Assert.Equal("master", registration.DefaultBranch);
            Assert.Equal($"https://github.com/{name}.git", registration.CloneUrl);
            Assert.Equal(["api"], registration.Scenarios);
        }
    }

    [Fact]
    public async Task Register_AgainWithoutSecret_KeepsStoredSecretAndUpdatesFields()
    {
        var name = Specs.NewRepository();
        await client.RegisterAsync(new RepositoryRegistration { Name = name, WebhookSecret = "s3cret" }, Admin);

        var updated = await client.RegisterAsync(new RepositoryRegistration { Name = name, DefaultBranch = "main" }, Admin);

        Assert.True(updated.HasWebhookSecret);
        Assert.Equal("main", updated.DefaultBranch);
        Assert.Single((await client.ListAsync(new Empty(), Admin)).Repositories, r => r.Name == name);
    }

    [Fact]
    public async Task Remove_RegisteredRepository_GoneFromListAndSecondRemoveNotFound()
    {
        var name = Specs.NewRepository();
        await client.RegisterAsync(new RepositoryRegistration { Name = name }, Admin);

        await client.RemoveAsync(new RemoveRepositoryRequest { Name = name }, Admin);

        Assert.DoesNotContain((await client.ListAsync(new Empty(), Admin)).Repositories, r => r.Name == name);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.RemoveAsync(new RemoveRepositoryRequest { Name = name }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task RegisteredRepository_ScheduleWithoutCloneUrl_TakesTheRegisteredUrl()
    {
        var name = Specs.NewRepository();
        await client.RegisterAsync(new RepositoryRegistration { Name = name, CloneUrl = "https://git.example.invalid/x.git" }, Admin);
        var spec = Specs.ForRepository(name);
        spec.CloneUrl = string.Empty;

        var created = await fixture.Host.LoadTests.ScheduleAsync(new ScheduleRequest { Spec = spec }, Admin);

        Assert.Equal("https://git.example.invalid/x.git", created.Spec.CloneUrl);
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { "", "name" },
        { "no-slash", "name" },
        { "../../etc/passwd", "name" },
        { "huge", "name" },
        { "clone-option", "clone_url" },
        { "clone-control", "clone_url" },
        { "branch", "default_branch" },
        { "scenario", "scenarios" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Register_BadInput_InvalidArgumentNamingFieldAndNothingStored(string problem, string field)
    {
        var request = new RepositoryRegistration { Name = Specs.NewRepository(), WebhookSecret = "x" };
        switch (problem)
        {
            case "huge": request.Name = new string('o', 10_000) + "/" + new string('n', 10_000); break;
            case "clone-option": request.CloneUrl = "--upload-pack=evil"; break;
            case "clone-control": request.CloneUrl = "https://x.invalid/\u0000"; break;
            case "branch": request.DefaultBranch = "main\nmaster"; break;
            case "scenario": request.Scenarios.Add("api'; DROP TABLE repositories; --"); break;
            default: request.Name = problem; break;
        }

        var before = (await client.ListAsync(new Empty(), Admin)).Repositories.Count;

        await RpcAssert.InvalidArgumentAsync(field, () => client.RegisterAsync(request, Admin).ResponseAsync);

        Assert.Equal(before, (await client.ListAsync(new Empty(), Admin)).Repositories.Count);
    }

    [Fact]
    public async Task Remove_NoName_InvalidArgument()
    {
        await RpcAssert.InvalidArgumentAsync("name", () => client.RemoveAsync(new RemoveRepositoryRequest(), Admin).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => client.RemoveAsync(new RemoveRepositoryRequest { Name = "nobody/" + new string('x', 5000) }, Admin).ResponseAsync);
    }
}
