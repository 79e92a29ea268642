// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Cli;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// report.html's text for a browser without scripts names files that are in its folder. Every page said "the summary
/// is in summary.json", and a sweep writes none (sweep.csv, sweep.md). A study's page has no script (and no fallback);
/// a score writes no report.html.
/// </summary>
public sealed class ReportFallbackTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ASweepsReportNamesItsTableNotASummaryItNeverWrote()
    {
        string scenario = _scratch.Write("scenario.json", CliScratch.ShortScenario.Replace("\"timeLimitS\": 30", "\"timeLimitS\": 6", StringComparison.Ordinal));
        string outDir = _scratch.Path2("sweep");

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "1,2", "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.Contains("sweep.csv", AssertFallbackNamesFilesOfItsFolder(outDir), StringComparison.Ordinal);
    }

    [Fact]
    public void ARunsReportNamesItsSummary()
    {
        string scenario = _scratch.Write("scenario.json", CliScratch.ShortScenario.Replace("\"timeLimitS\": 30", "\"timeLimitS\": 6", StringComparison.Ordinal));
        string outDir = _scratch.Path2("run");

        int code = Program.Execute(new[] { "run", scenario, "--out", outDir, "--quiet" }, new StringWriter(), new StringWriter());

        Assert.Equal(0, code);
        Assert.Contains("summary.json", AssertFallbackNamesFilesOfItsFolder(outDir), StringComparison.Ordinal);
    }

    [Fact]
    public void AReplaysReportNamesItsSummary()
    {
        string recording = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        string outDir = _scratch.Path2("replay");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", recording, "--out", outDir, "--quiet");

        Assert.True(replay.ExitCode == 0, replay.Stderr);
        Assert.Contains("summary.json", AssertFallbackNamesFilesOfItsFolder(outDir), StringComparison.Ordinal);
    }

    /// <summary>The noscript text of the folder's report.html, after checking that every file name in it is in the folder.</summary>
    private static string AssertFallbackNamesFilesOfItsFolder(string outDir)
    {
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Match fallback = Regex.Match(html, "<noscript>(.*?)</noscript>");
        Assert.True(fallback.Success, "report.html has no noscript text");
        string[] named = Regex.Matches(fallback.Groups[1].Value, @"[a-z]+\.(json|jsonl|csv|md|svg|png)\b").Select(m => m.Value).ToArray();
        Assert.NotEmpty(named);
        foreach (string file in named)
        {
            Assert.True(File.Exists(Path.Combine(outDir, file)), "report.html names " + file + ", which is not in its folder: " + fallback.Value);
        }

        return fallback.Groups[1].Value;
    }
}
