// Licensed under the MIT License.

using System.Net;
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
}
