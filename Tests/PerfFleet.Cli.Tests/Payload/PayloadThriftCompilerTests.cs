using System.Diagnostics;
using System.Text.Json.Nodes;
using PerfFleet.Cli.Payload;

namespace PerfFleet.Cli.Tests.Payload;

/// <summary>Runs only where the Apache Thrift compiler is installed (Debian package thrift-compiler).</summary>
public sealed class ThriftCompilerFactAttribute : FactAttribute
{
    public ThriftCompilerFactAttribute()
    {
        if (PayloadThriftCompilerTests.Compiler() is null)
        {
            Skip = "the thrift compiler is not on PATH (apt-get install thrift-compiler): the IDL parser is not compared with it";
        }
    }
}

public sealed class PayloadThriftCompilerTests : IDisposable
{
    private static readonly System.Text.Json.JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly PayloadFiles files = new();

    public static string? Compiler() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "thrift")).FirstOrDefault(File.Exists);

    // The compiler's own view of the IDL (its JSON generator) against this parser's: ids, names, requiredness, types.
    [ThriftCompilerFact]
    public void Load_RealisticIdl_SeesTheStructsTheThriftCompilerSees()
    {
        // Debian's compiler (0.17) predates uuid in IDL files.
        files.Write("common.thrift", ThriftIdls.Common);
        var idl = files.Write("shop.thrift", ThriftIdls.Shop.Replace("uuid", "string", StringComparison.Ordinal));
        var compiled = JsonNode.Parse(Compile(idl))!["structs"]!.AsArray();

        var schema = ThriftSchemaLoader.Load(idl, File.ReadAllBytes(idl));

        var ours = schema.Structs.Where(s => !s.Name.Contains('.', StringComparison.Ordinal)).Select(s => new JsonObject
        {
            ["name"] = s.Name,
            ["isException"] = s.Kind == ThriftStructKind.Exception,
            ["isUnion"] = s.Kind == ThriftStructKind.Union,
            ["fields"] = new JsonArray([.. s.Fields.Select(f => new JsonObject
            {
                ["key"] = f.Id,
                ["name"] = f.Name,
                ["type"] = Ours(f.Type),
                ["required"] = f.Requiredness switch
                {
                    ThriftRequiredness.Required => "required",
                    ThriftRequiredness.Optional => "optional",
                    _ => s.Kind == ThriftStructKind.Union ? "optional" : "req_out",
                },
            })]),
        });
        var theirs = compiled.Select(s => new JsonObject
        {
            ["name"] = (string)s!["name"]!,
            ["isException"] = (bool)s["isException"]!,
            ["isUnion"] = (bool)s["isUnion"]!,
            ["fields"] = new JsonArray([.. s["fields"]!.AsArray().Select(f => new JsonObject
            {
                ["key"] = (int)f!["key"]!,
                ["name"] = (string)f["name"]!,
                ["type"] = Theirs(f["type"] ?? f),
                ["required"] = (string)f["required"]!,
            })]),
        });
        Assert.Equal(new JsonArray([.. theirs]).ToJsonString(Relaxed), new JsonArray([.. ours]).ToJsonString(Relaxed));
    }

    public void Dispose() => files.Dispose();

    // The compiler writes enums as i32 and byte as i8, and the IDL's own structs now with "shop." and now without.
    private static string Ours(ThriftType type) => type switch
    {
        ThriftEnumType => "i32",
        ThriftBaseType { Base: ThriftBase.Byte } => "i8",
        ThriftListType list => $"{(list.IsSet ? "set" : "list")}<{Ours(list.Element)}>",
        ThriftMapType map => $"map<{Ours(map.Key)},{Ours(map.Value)}>",
        ThriftStructType s => s.Name,
        _ => type.Describe(),
    };

    private static string Theirs(JsonNode type) => (string)type["typeId"]! switch
    {
        "list" or "set" => $"{(string)type["typeId"]!}<{Theirs(Inner(type, "elem"))}>",
        "map" => $"map<{Theirs(Inner(type, "key"))},{Theirs(Inner(type, "value"))}>",
        "struct" or "union" or "exception" => ((string)type["class"]!).Replace("shop.", "", StringComparison.Ordinal),
        var scalar => scalar,
    };

    // A scalar element is written by its type id alone ("elemTypeId": "i32"); a container or struct in full.
    private static JsonNode Inner(JsonNode type, string role) => type[role + "Type"] ?? new JsonObject { ["typeId"] = (string)type[role + "TypeId"]! };

    private string Compile(string idl)
    {
        var start = new ProcessStartInfo(Compiler()!) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = files.Root };
        foreach (var arg in new[] { "--gen", "json", "-out", files.Root, idl })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "thrift did not finish");
        Assert.True(process.ExitCode == 0, errors);
        return File.ReadAllText(files.PathOf("shop.json"));
    }
}
