using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfFleet.Contracts.V1;
using PerfFleet.Worker.Hosting;
using PerfFleet.Worker.Service;
using PerfFleet.Worker.Tests.Support;

namespace PerfFleet.Worker.Tests.Host;

public sealed class WorkerLoggingTests
{
    [Fact]
    public async Task Build_StartedFromAnotherDirectory_LogsAtTheShippedLevels()
    {
        using var elsewhere = new TempDirectory();
        await using var app = WorkerHost.Build(
            ["--contentRoot", elsewhere.Path, "--PerfFleet:Worker:Coordinators:0=http://127.0.0.1:1", "--PerfFleet:Worker:WorkDirectory=" + elsewhere.Path, "--PerfFleet:Security:FleetToken=t"]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("System.Net.Http.HttpClient.Fleet.LogicalHandler").IsEnabled(LogLevel.Information), "a line per heartbeat");
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("PerfFleet.Worker.Service.WorkerService").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void TestScope_NamesTheTestAndAttemptAsTextAndAsValues()
    {
        var provider = new ScopeRecorder();
        using (var loggers = LoggerFactory.Create(logging => logging.AddProvider(provider)))
        {
            var logger = loggers.CreateLogger("test");
            using var test = new ActiveTest("0193a2b4-2dfc67e5", 2, 7, new Quota(), [], TimeProvider.System);
            using (ServiceLog.TestScope(logger, test))
            {
                logger.LogInformation("inside");
            }
        }

        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(Assert.Single(provider.Scopes));
        Assert.Equal("test 0193a2b4-2dfc67e5 attempt 2 epoch 7", scope.ToString());
        var values = scope.ToDictionary();
        Assert.Equal(("0193a2b4-2dfc67e5", 2, 7L), (values["TestId"], values["Attempt"], values["Epoch"]));
    }

    /// <summary>What the console formatters see: the scopes around each line.</summary>
    private sealed class ScopeRecorder : ILoggerProvider, ISupportExternalScope, ILogger
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<object?> Scopes { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _scopes.ForEachScope((scope, list) => list.Add(scope), Scopes);

        public void Dispose()
        {
        }
    }
}
