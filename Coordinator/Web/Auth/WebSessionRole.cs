namespace PerfFleet.Coordinator.Web.Auth;

/// <summary>What a web session (or the token offered at login) allows.</summary>
internal enum WebSessionRole
{
    /// <summary>No valid session, or not a token of this fleet.</summary>
    None,

    /// <summary>A read-only token: reads every page, may not stop or re-run.</summary>
    Reader,

    /// <summary>An admin token: reads, stops and re-runs.</summary>
    Admin,
}
