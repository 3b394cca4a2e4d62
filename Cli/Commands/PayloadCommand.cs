using System.CommandLine;
using PerfFleet.Cli.Payload;

namespace PerfFleet.Cli.Commands;

/// <summary>
/// `payload encode|decode`: readable JSON request files ↔ the base64 JSON-lines format the load engine
/// replays; protobuf bodies with --descriptor-set and --message, Thrift bodies with --thrift-idl and --thrift-struct.
/// </summary>
public static class PayloadCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new Command("payload", "Convert request files for replay")
        {
            Direction(runner, "encode", "readable JSON array → base64 JSON lines", encode: true),
            Direction(runner, "decode", "base64 JSON lines → readable JSON array", encode: false),
        };
    }

    private static Command Direction(CommandRunner runner, string name, string description, bool encode)
    {
        var input = new Argument<FileInfo>("input") { Description = "Input file, or - for stdin" };
        var outFile = new Option<FileInfo?>("--out") { Description = "Output file (default: stdout)" };
        var descriptorSet = new Option<FileInfo?>("--descriptor-set") { Description = "FileDescriptorSet (protoc --descriptor_set_out --include_imports) for protobuf bodies" };
        var message = new Option<string?>("--message") { Description = "Full name of the body's protobuf message, e.g. shop.v1.Order" };
        var thriftIdl = new Option<FileInfo?>("--thrift-idl") { Description = "Thrift IDL file for Thrift bodies; its includes are read relative to its directory" };
        var thriftStruct = new Option<string?>("--thrift-struct") { Description = "The body's struct in the IDL, e.g. Order (or common.Address for an included file's)" };
        var thriftProtocol = new Option<string?>("--thrift-protocol") { Description = "Thrift protocol of the bodies: binary (default) or compact" };
        var command = new Command(name, description) { input, outFile, descriptorSet, message, thriftIdl, thriftStruct, thriftProtocol };
        runner.Bind(command, async (context, cancellationToken) =>
        {
            var inputFile = context.GetValue(input);
            var thrift = new ThriftOptions(context.GetValue(thriftIdl), context.GetValue(thriftStruct), context.GetValue(thriftProtocol));
            var codec = thrift.IsGiven
                ? await ThriftCodecAsync(thrift, context.GetValue(descriptorSet) is not null || context.GetValue(message) is not null, cancellationToken).ConfigureAwait(false)
                : await CodecAsync(context.GetValue(descriptorSet), context.GetValue(message), cancellationToken).ConfigureAwait(false);
            var text = await ReadInputAsync(inputFile, cancellationToken).ConfigureAwait(false);
            string converted;
            try
            {
                converted = encode
                    ? PayloadLinesFormat.Write(PayloadJsonFormat.Read(text, codec))
                    : PayloadJsonFormat.Write(PayloadLinesFormat.Read(text), codec);
            }
            catch (PayloadFormatException e)
            {
                throw new CliInputException($"{inputFile.Name}: {e.Message}", e);
            }

            if (context.GetValue(outFile) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, converted, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await context.Environment.Stdout.WriteAsync(converted).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IBodyCodec> CodecAsync(FileInfo? descriptorSet, string? message, CancellationToken cancellationToken)
    {
        if (descriptorSet is null && message is null)
        {
            return new TextBodyCodec();
        }

        if (descriptorSet is null || string.IsNullOrWhiteSpace(message))
        {
            throw new CliUsageException("--descriptor-set and --message go together");
        }

        var bytes = await ReadBytesAsync(descriptorSet, cancellationToken).ConfigureAwait(false);
        try
        {
            return new ProtobufBodyCodec(ProtobufDescriptors.LoadMessage(bytes, message));
        }
        catch (PayloadFormatException e)
        {
            throw new CliInputException($"--descriptor-set {descriptorSet.Name}: {e.Message}", e);
        }
    }

    private static async Task<IBodyCodec> ThriftCodecAsync(ThriftOptions thrift, bool protobufToo, CancellationToken cancellationToken)
    {
        if (protobufToo)
        {
            throw new CliUsageException("give --thrift-idl or --descriptor-set, not both");
        }

        if (thrift.Idl is null || string.IsNullOrWhiteSpace(thrift.Struct))
        {
            throw new CliUsageException("--thrift-idl and --thrift-struct go together");
        }

        var protocol = thrift.Protocol?.ToLowerInvariant() switch
        {
            null or "binary" => ThriftProtocolKind.Binary,
            "compact" => ThriftProtocolKind.Compact,
            _ => throw new CliUsageException($"--thrift-protocol is binary or compact, not \"{thrift.Protocol}\""),
        };
        var bytes = await ReadBytesAsync(thrift.Idl, cancellationToken).ConfigureAwait(false);
        try
        {
            return ThriftBodyCodec.Load(thrift.Idl.FullName, bytes, thrift.Struct, protocol);
        }
        catch (PayloadFormatException e)
        {
            // The message starts with the IDL file (or the included one) and, for a syntax error, its line and column.
            throw new CliInputException("--thrift-idl " + e.Message, e);
        }
    }

    private static async Task<string> ReadInputAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (file.Name == "-")
        {
            using var stdin = new StreamReader(Console.OpenStandardInput());
            return await stdin.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{file.FullName}: {e.Message}", e);
        }
    }

    private static async Task<byte[]> ReadBytesAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{file.FullName}: {e.Message}", e);
        }
    }

    private sealed record ThriftOptions(FileInfo? Idl, string? Struct, string? Protocol)
    {
        public bool IsGiven => Idl is not null || Struct is not null || Protocol is not null;
    }
}
