using PerfFleet.Runs.Stacks.Local;

namespace PerfFleet.Worker.Tests.Stacks;

public sealed class LogExcerptTests
{
    [Fact]
    public void Of_NodeMissingModule_KeepsTheErrorLineAndTheLastLinesWithoutFrames()
    {
        string[] log =
        [
            "node:internal/modules/cjs/loader:1228",
            "  throw err;",
            "  ^",
            "",
            "Error: Cannot find module 'express'",
            "Require stack:",
            "- /srv/shop-api/server.js",
            "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
            "    at Module._load (node:internal/modules/cjs/loader:1051:27)",
            "  code: 'MODULE_NOT_FOUND',",
            "  requireStack: [ '/srv/shop-api/server.js' ]",
            "}",
            "",
            "Node.js v20.20.2",
        ];

        Assert.Equal("Error: Cannot find module 'express' | requireStack: [ '/srv/shop-api/server.js' ] | } | Node.js v20.20.2", LogExcerpt.Of(log));
    }

    [Fact]
    public void Of_NoErrorLine_IsTheLastThreeLines()
    {
        Assert.Equal("b | c | d", LogExcerpt.Of(["a", "b", "c", "d"]));
    }

    [Fact]
    public void Of_ManyErrorLines_KeepsTheLastThreeOfThem()
    {
        string[] log = ["error 1", "error 2", "error 3", "error 4", "x", "y", "z"];

        Assert.Equal("error 2 | error 3 | error 4 | x | y | z", LogExcerpt.Of(log));
    }

    [Fact]
    public void Of_Empty_SaysSo()
    {
        Assert.Equal("(no output)", LogExcerpt.Of(["", "  "]));
    }
}
