using System.CommandLine;
using System.Globalization;
using PerfFleet.Cli.Output;
using PerfFleet.Cli.PayloadStore;
using PerfFleet.Contracts.V1;
using Spectre.Console;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `payloads upload|list|show|rm`: the coordinator's payload store (Payloads service), request
/// files a scenario or a test names as <c>payload://name</c>. Not `payload`, which encodes and
/// decodes one request body on this machine.
/// </summary>
public static class PayloadsCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new Command("payloads", "Manage the coordinator's stored request files (payload://name)") { Upload(runner), List(runner), Show(runner), Remove(runner) };
    }

    private static Command Upload(CommandRunner runner)
    {
        var file = new Argument<string>("file") { Description = "A request file: one JSON object per line (method, path, headers, body in base64)" };
        var name = new Option<string>("--name") { Description = "The payload's name, as tests will say payload://NAME", Required = true };
        var repo = new Option<string>("--repo") { Description = "The registered repository (owner/name) whose storage limit it counts against", Required = true };
        var command = new Command("upload", "Upload a request file (checked here first), or replace the content of a name") { file, name, repo };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var local = await PayloadFile.OpenAsync(context.GetValue(file), cancellationToken).ConfigureAwait(false);
            using var connection = context.Connect();
            var stored = await PayloadUpload.SendAsync(connection, local, context.GetValue(name), context.GetValue(repo), cancellationToken).ConfigureAwait(false);
            Write(context, [stored], stored);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var repo = new Option<string?>("--repo") { Description = "Only this repository's payloads" };
        var command = new Command("list", "List stored payloads") { repo };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var response = await connection.Payloads.ListAsync(new ListPayloadsRequest { Repository = context.GetValue(repo) ?? "" }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            Write(context, response.Payloads, response);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The payload's name" };
        var command = new Command("show", "Show a payload and the queued or running tests known to use it") { name };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var info = await connection.Payloads.GetAsync(new GetPayloadRequest { Name = context.GetValue(name) }, connection.Unary(cancellationToken)).ConfigureAwait(false);
            Write(context, [info], info);
            if (context.Format != OutputFormat.Json)
            {
                context.Console.WriteLine(info.UsedBy.Count == 0 ? "used by: no queued or running test" : "used by: " + string.Join(", ", info.UsedBy));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Remove(CommandRunner runner)
    {
        var name = new Argument<string>("name") { Description = "The payload's name" };
        var command = new Command("rm", "Remove a payload (refused while a queued or running test uses it)") { name };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var connection = context.Connect();
            var request = new RemovePayloadRequest { Name = context.GetValue(name) };
            var response = await connection.Payloads.RemoveAsync(request, connection.Unary(cancellationToken)).ConfigureAwait(false);
            return RemovedOutput.Write(context, response, request.Name);
        });
        return command;
    }

    private static void Write(CommandContext context, IEnumerable<PayloadInfo> payloads, Google.Protobuf.IMessage json)
    {
        if (context.Format == OutputFormat.Json)
        {
            context.Json.Write(json);
            return;
        }

        var rows = Tables.Create("name", "repository", "bytes", "sha256", "uploaded");
        foreach (var payload in payloads)
        {
            rows.AddTextRow(
                payload.Name,
                payload.Repository,
                payload.Size.ToString(CultureInfo.InvariantCulture),
                payload.Sha256,
                payload.UploadedAt?.ToDateTimeOffset().ToString("u", CultureInfo.InvariantCulture) ?? "-");
        }

        context.Console.Write(rows);
    }
}
