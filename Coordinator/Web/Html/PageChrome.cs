namespace PerfFleet.Coordinator.Web.Html;

/// <summary>What the frame around a page shows besides its content.</summary>
/// <param name="ShowSession">Logging in is possible (admin or read-only tokens are configured): show a log-in or log-out control.</param>
/// <param name="LoggedIn">The request carries a valid session.</param>
/// <param name="LiveUpdates">Some shown test is still moving: include the poller.</param>
/// <param name="ReadOnlySession">The session was opened with a read-only token: say so beside "Log out".</param>
internal sealed record PageChrome(bool ShowSession, bool LoggedIn, bool LiveUpdates, bool ReadOnlySession);
