namespace PerfFleet.Deployment.Tests.Helm;

public sealed class ChartTests
{
    private static readonly string MultiWorkerExample = Path.Combine(Helm.ChartDirectory, "examples", "multi-worker.yaml");

    [Fact]
    public void Lint_DefaultValues_Passes()
    {
        var (exit, output) = Helm.Run("lint", Helm.ChartDirectory);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Lint_MultiWorkerExample_Passes()
    {
        var (exit, output) = Helm.Run("lint", Helm.ChartDirectory, "-f", MultiWorkerExample);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Template_Defaults_CoordinatorsAreReplicatedWithProbes()
    {
        var coordinator = Helm.Template().Single("Deployment", "-coordinator");

        Assert.Equal("2", coordinator.Map("spec").Str("replicas"));
        var container = coordinator.Container("coordinator");
        Assert.Equal("/readyz", container.Map("readinessProbe").Map("httpGet").Str("path"));
        Assert.Equal("/healthz", container.Map("livenessProbe").Map("httpGet").Str("path"));
        Assert.True(container.Map("resources").Has("limits"));
    }

    [Fact]
    public void Template_Defaults_TokensAndDatabaseComeFromSecrets()
    {
        var docs = Helm.Template();
        var container = docs.Single("Deployment", "-coordinator").Container("coordinator");

        var admin = container.Env("PerfFleet__Security__AdminTokens__0").Map("valueFrom").Map("secretKeyRef");
        var db = container.Env("PerfFleet__Database__ConnectionString").Map("valueFrom").Map("secretKeyRef");
        Assert.Equal("pf-perffleet-tokens", admin.Str("name"));
        Assert.Equal("adminToken", admin.Str("key"));
        Assert.Equal("pf-perffleet-database", db.Str("name"));
        var tokens = docs.Single("Secret", "-tokens");
        Assert.False(string.IsNullOrEmpty(tokens.Map("data").Str("fleetToken")), "an empty fleet token is generated");
    }

    [Fact]
    public void Template_ReadOnlyToken_OnlyWhenSetAndOptionalInTheCoordinator()
    {
        var withoutOne = Helm.Template();
        var withOne = Helm.Template("--set", "secrets.readOnlyToken=dashboard-read-only-token-0123");

        Assert.False(withoutOne.Single("Secret", "-tokens").Map("data").Has("readOnlyToken"), "an unset read-only token must not become an empty one");
        Assert.Equal(
            Convert.ToBase64String("dashboard-read-only-token-0123"u8.ToArray()),
            withOne.Single("Secret", "-tokens").Map("data").Str("readOnlyToken"));
        var reference = withOne.Single("Deployment", "-coordinator").Container("coordinator")
            .Env("PerfFleet__Security__ReadOnlyTokens__0").Map("valueFrom").Map("secretKeyRef");
        Assert.Equal(("pf-perffleet-tokens", "readOnlyToken", "true"), (reference.Str("name"), reference.Str("key"), reference.Str("optional")));
    }

    [Fact]
    public void Template_SocketMode_WorkerMountsDockerSocketOnHostNetwork()
    {
        var worker = Helm.Template().Single("Deployment", "-worker");

        Assert.Equal("2", worker.Map("spec").Str("replicas"));
        Assert.Equal("true", worker.PodSpec().Str("hostNetwork"));
        var mount = worker.Container("worker").Seq("volumeMounts").Single(m => m.Str("name") == "docker-socket");
        Assert.Equal("/var/run/docker.sock", mount.Str("mountPath"));
        var volume = worker.PodSpec().Seq("volumes").Single(v => v.Str("name") == "docker-socket");
        Assert.Equal("Socket", volume.Map("hostPath").Str("type"));
        Assert.DoesNotContain(worker.PodSpec().Seq("containers"), c => c.Str("name") == "dind");
    }

    [Fact]
    public void Template_MultiWorkerExample_DaemonSetWithDindAndExistingSecrets()
    {
        var docs = Helm.Template("-f", MultiWorkerExample);

        var worker = docs.Single("DaemonSet", "-worker");
        Assert.False(worker.Map("spec").Has("replicas"));
        Assert.False(worker.PodSpec().Has("hostNetwork"));
        var dind = worker.Container("dind");
        Assert.Equal("true", dind.Map("securityContext").Str("privileged"));
        Assert.Contains(dind.Seq("volumeMounts"), m => m.Str("mountPath") == "/var/run/dind");
        Assert.Equal("unix:///var/run/dind/docker.sock", worker.Container("worker").Env("DOCKER_HOST").Str("value"));

        Assert.Equal("3", docs.Single("Deployment", "-coordinator").Map("spec").Str("replicas"));
        Assert.DoesNotContain(docs, d => d.Str("kind") == "Secret");
        var fleet = worker.Container("worker").Env("PerfFleet__Security__FleetToken").Map("valueFrom").Map("secretKeyRef");
        Assert.Equal("perffleet-tokens", fleet.Str("name"));
        Assert.Single(docs, d => d.Str("kind") == "ServiceMonitor");
        Assert.Single(docs, d => d.Str("kind") == "Ingress");
    }

    [Fact]
    public void Template_RepositoryRegistrations_RenderIntoConfigMap()
    {
        var config = Helm.Template("-f", MultiWorkerExample).Single("ConfigMap", "-config").Map("data").Str("perffleet.json");

        Assert.Contains("\"acme/api\"", config, StringComparison.Ordinal);
        Assert.Contains("\"Repositories\"", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("worker.kind=StatefulSet", "worker.kind must be Deployment or DaemonSet")]
    [InlineData("worker.docker.mode=podman", "worker.docker.mode must be socket or dind")]
    public void Template_InvalidValues_FailWithMessageNamingTheKey(string set, string message)
    {
        var (exit, output) = Helm.Run("template", "pf", Helm.ChartDirectory, "--set", set);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }
}
