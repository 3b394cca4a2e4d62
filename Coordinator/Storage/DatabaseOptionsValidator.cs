using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfFleet.Coordinator.Storage;

/// <summary>Checks what DataAnnotations cannot: that a configured connection string parses.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.UsesEmbeddedServer)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrEmpty(builder.Host)
                ? ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)} has no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The parser's message names the bad keyword; never echo the string itself (it holds a password).
            return ValidateOptionsResult.Fail($"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)} is not a valid connection string: {e.Message}");
        }
    }
}
