// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Edge.HostSim.Dashboard;
using Xunit;

namespace Edge.HostSim.Tests.Dashboard;

/// <summary>The dashboard's loopback HTTP server: what it serves from the folder it is given.</summary>
public sealed class DashboardServerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-dashboard-" + Guid.NewGuid().ToString("N"));

    public DashboardServerTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "js"));
        File.WriteAllText(Path.Combine(_directory, "index.html"), "<!doctype html><title>page</title>");
        File.WriteAllText(Path.Combine(_directory, "js", "main.js"), "// main");
    }

    public void Dispose()
    {
        Directory.Delete(_directory, true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    public async Task ServesTheFolderWhetherOrNotItsNameEndsInASeparator(string ending)
    {
        // A shell completes a folder name with a trailing "/" (--dashboard-dir hostsim/dashboard/): the same folder.
        using DashboardServer server = new DashboardServer(_directory + ending);
        using HttpClient http = new HttpClient();

        HttpResponseMessage page = await http.GetAsync(server.BaseUrl + "index.html");
        HttpResponseMessage script = await http.GetAsync(server.BaseUrl + "js/main.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("<!doctype html><title>page</title>", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task ServesTheBrokerItIsGivenUncachedAndNoneWithout()
    {
        // The page of an address without a broker asks for it here, at its load and before each reconnection: after a
        // restart of the simulator on the same HTTP port the same request names another broker, so nothing may cache it.
        using DashboardServer server = new DashboardServer(_directory);
        using HttpClient http = new HttpClient();

        HttpResponseMessage none = await http.GetAsync(server.BaseUrl + "broker.json");
        server.BrokerWebSocketPort = 40123;
        HttpResponseMessage named = await http.GetAsync(server.BaseUrl + "broker.json");

        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal("{\"broker\":\"ws://127.0.0.1:40123\"}", await named.Content.ReadAsStringAsync());
        Assert.Equal("application/json", named.Content.Headers.ContentType?.ToString());
        Assert.True(named.Headers.CacheControl?.NoStore, "broker.json must not be cached");
    }

    [Fact]
    public async Task ServesOnThePortItIsGiven()
    {
        int port = Edge.HostSim.Mqtt.Broker.FreePort.Allocate(1)[0];
        using DashboardServer server = new DashboardServer(_directory, port);
        using HttpClient http = new HttpClient();

        HttpResponseMessage page = await http.GetAsync("http://127.0.0.1:" + port + "/index.html");

        Assert.Equal(port, server.Port);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("http://127.0.0.1:" + port + "/index.html?device=pack-1", server.PageUrl("pack-1"));
    }

    /// <summary>
    /// Closing frees the port once. The managed HttpListener's Stop already gives the port up, and a Close after it
    /// registers the listener's port again (it binds it) to find nothing left to remove: a socket that took the freed port
    /// in between made the close throw "Address already in use" although the server had stopped. With dashboard tests
    /// running alongside each other that happened in 4 of about 194 closes. Here a thread binds the port as soon as it is
    /// free and listens on it, as another test's broker or server would, across 200 servers (on the old close it threw within the first rounds).
    /// </summary>
    [Fact]
    public void ClosingDoesNotBindItsPortAgainForASocketThatTookItToTrip()
    {
        for (int round = 0; round < 200; round++)
        {
            DashboardServer server = new DashboardServer(_directory);
            IPEndPoint endPoint = new IPEndPoint(IPAddress.Loopback, server.Port);
            using ManualResetEventSlim disposed = new ManualResetEventSlim();
            using ManualResetEventSlim spinning = new ManualResetEventSlim();
            Thread taker = new Thread(() =>
            {
                spinning.Set();
                while (!disposed.IsSet)
                {
                    using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(endPoint);
                        socket.Listen();
                    }
                    catch (SocketException)
                    {
                        continue;
                    }

                    // Holds the port until the server's close has returned, as a test's broker or browser would.
                    disposed.Wait(TimeSpan.FromSeconds(5));
                }
            }) { IsBackground = true };
            taker.Start();
            spinning.Wait();

            Exception? thrown = Record.Exception(server.Dispose);
            disposed.Set();
            taker.Join();

            Assert.Null(thrown);
        }
    }
}
