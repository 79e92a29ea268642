using System.Net;
using Edge.HostSim.Dashboard;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// A test's own <see cref="DashboardServer"/>. Its Dispose stops the managed HttpListener and then closes it, and on
/// Linux the close registers the listener's port once more (binds it) only to find nothing left to remove: when a
/// socket of a test running alongside took that just-freed loopback port meanwhile, the close throws "Address already
/// in use" although the server had stopped. A test ends there with that error instead of its own; this says so once
/// here and otherwise passes everything through. (The server itself is left as it is.)
/// </summary>
internal sealed class DashboardSite : IDisposable
{
    private readonly DashboardServer _server;

    public DashboardSite(string dashboardRoot)
    {
        _server = new DashboardServer(dashboardRoot);
    }

    public string PageUrl(int webSocketPort, string? deviceId) => _server.PageUrl(webSocketPort, deviceId);

    public void Dispose()
    {
        try
        {
            _server.Dispose();
        }
        catch (HttpListenerException e) when (e.ErrorCode == 98 || e.Message.Contains("already in use", StringComparison.Ordinal))
        {
        }
    }
}
