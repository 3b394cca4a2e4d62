using YamlDotNet.RepresentationModel;

namespace PerfFleet.Contracts.Scenarios;

/// <summary>Checks that a URL field is an absolute http(s) URL once its variables are substituted.</summary>
internal static class UrlValidation
{
    public static string Http(YamlFieldReader reader, YamlNode node, string field)
    {
        var url = reader.NonEmptyString(node, field);
        if (url.Contains("${", StringComparison.Ordinal))
        {
            // Parsed without variables (learning the port names first): checked on the second pass.
            return url;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw reader.Fail(node, field, $"\"{url}\" is not an absolute http:// or https:// URL");
        }

        return url;
    }
}
