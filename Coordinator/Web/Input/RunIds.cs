namespace PerfFleet.Coordinator.Web.Input;

/// <summary>Run ids in URLs are taken as text and checked here, so a malformed one gets a readable 400 page.</summary>
internal static class RunIds
{
    /// <returns>Null when <paramref name="text"/> is a run id; otherwise the sentence the 400 page shows.</returns>
    public static string? Parse(string text, out Guid id)
    {
        if (text.Length <= 64 && Guid.TryParse(text, out id))
        {
            return null;
        }

        id = Guid.Empty;
        return $"'{(text.Length > 64 ? text[..64] + "…" : text)}' is not a run id: a run id is a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.";
    }
}
