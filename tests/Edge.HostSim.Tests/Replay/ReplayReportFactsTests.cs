// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// What a replay's report.html and summary.json tell a reader beyond the recording: a setting the user did not give (the
/// electrode area and cell kind of an option left out, the protocol inferred from the current) is said to be a default
/// or an inference, not shown as a figure of the recording's; and the recording's gaps are counted there, as on stdout
/// and in replay.json. The report showed "1 modules x 1 cells, nak50-nasicon, 0.3848 cm2" either way, and neither file
/// mentioned a gap.
/// </summary>
public sealed partial class ReplayReportFactsTests : IDisposable
{
    private const string Scenario = """
        { "name": "given", "seed": 2, "samplePeriodMs": 10, "timeLimitS": 30,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon", "areaCm2": 0.5 },
          "protocol": { "steps": [ "Strip at 0.77 mA/cm2 for 1 s", "Rest for 2 s" ], "rest": "fixed" },
          "controller": { "mode": "observe" } }
        """;

    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void SettingsLeftOutAreShownAsDefaultsAndTheProtocolAsInferred()
    {
        string outDir = Replay(Recording("plain.mpt"));

        Dictionary<string, string> facts = Facts(outDir);
        Assert.Equal("0.3848 cm2 (default, not given with --area)", facts["electrode area"]);
        Assert.Equal("nak50-nasicon (default, not given with --preset)", facts["cell kind"]);
        Assert.Equal("3 V (default, not given with --cutoff)", facts["cut-off"]);
        Assert.Equal("10 ms (default, not given with --sample-period-ms)", facts["sample period"]);
        Assert.Equal("Strip at 385 uA for 1000 ms, Rest for 2000 ms, repeated (inferred from the recording's current steps)", facts["protocol"]);
        Assert.Equal("fixed (inferred from the recording's current steps)", facts["rest"]);
        Assert.Equal("1 module x 1 cell (the recording's columns)", facts["pack"]);

        using JsonDocument summary = Summary(outDir);
        Assert.Equal("fixed", summary.RootElement.GetProperty("rest").GetString());
        JsonElement sources = summary.RootElement.GetProperty("settingSources");
        Assert.Equal(
            new[] { ("areaCm2", "default"), ("preset", "default"), ("cutoffV", "default"), ("samplePeriodMs", "default"), ("protocol", "inferred") },
            sources.EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
    }

    [Fact]
    public void SettingsGivenAreShownAsGiven()
    {
        string outDir = Replay(Recording("plain.mpt"), "--area", "0.5", "--preset", "k-betaalumina", "--cutoff", "2.5", "--sample-period-ms", "20");

        Dictionary<string, string> facts = Facts(outDir);
        Assert.Equal("0.5 cm2 (given with --area)", facts["electrode area"]);
        Assert.Equal("k-betaalumina (given with --preset)", facts["cell kind"]);
        Assert.Equal("2.5 V (given with --cutoff)", facts["cut-off"]);
        Assert.Equal("20 ms (given with --sample-period-ms)", facts["sample period"]);
        using JsonDocument summary = Summary(outDir);
        Assert.All(new[] { "areaCm2", "preset", "cutoffV", "samplePeriodMs" }, name => Assert.Equal("option", summary.RootElement.GetProperty("settingSources").GetProperty(name).GetString()));
        Assert.Equal("inferred", summary.RootElement.GetProperty("settingSources").GetProperty("protocol").GetString());
    }

    [Fact]
    public void SettingsOfAScenarioAreShownAsTheScenarios()
    {
        string scenario = _scratch.Write("given.json", Scenario);

        string outDir = Replay(Recording("plain.mpt"), "--scenario", scenario);

        Dictionary<string, string> facts = Facts(outDir);
        Assert.Equal("0.5 cm2 (the --scenario file's pack.areaCm2)", facts["electrode area"]);
        Assert.Equal("nak50-nasicon (the --scenario file's pack.preset)", facts["cell kind"]);
        Assert.Equal("10 ms (the --scenario file's samplePeriodMs)", facts["sample period"]);
        Assert.Equal("3 V (default, the --scenario file leaves out protocol.cutoffV)", facts["cut-off"]);
        Assert.Equal("Strip at 0.77 mA/cm2 for 1 s, Rest for 2 s, repeated (the --scenario file's protocol)", facts["protocol"]);
        using JsonDocument summary = Summary(outDir);
        Assert.Equal(
            new[] { ("areaCm2", "scenario"), ("preset", "scenario"), ("cutoffV", "scenarioDefault"), ("samplePeriodMs", "scenario"), ("protocol", "scenario") },
            summary.RootElement.GetProperty("settingSources").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!)));
    }

    [Fact]
    public void AContinuousRecordingRestsNone()
    {
        // 0.385 mA without a break for 150 s: the inferred protocol is one strip step without end, which never rests;
        // the replay's scenario carries the loader's default rest setting, "fixed", which both files said.
        StringBuilder text = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n");
        for (int i = 0; i < 1500; i++)
        {
            text.Append((i / 10.0).ToString("0.###", CultureInfo.InvariantCulture)).Append("\t0.120000\t0.385000\n");
        }

        string outDir = Replay(_scratch.Write("continuous.mpt", text.ToString()));

        Dictionary<string, string> facts = Facts(outDir);
        Assert.Equal("Strip at 385 uA, repeated (inferred from the recording's current steps)", facts["protocol"]);
        Assert.Equal("none: continuous current (inferred from the recording's current steps)", facts["rest"]);
        using JsonDocument summary = Summary(outDir);
        Assert.Equal("none", summary.RootElement.GetProperty("rest").GetString());
    }

    [Fact]
    public void TheRecordingsGapsAreCountedInTheReportAndTheSummary()
    {
        // Samples every 0.1 s; from 60 s on every sample 20 s later, from 90 s on 5 s later again: no samples from 59.9
        // to 80 s (20.1 s) and from 109.9 to 115 s (5.1 s), both past the default threshold of 5 sample intervals.
        string outDir = Replay(Recording("gaps.mpt", (60, 20), (90, 5)));

        using JsonDocument summary = Summary(outDir);
        JsonElement gaps = summary.RootElement.GetProperty("gaps");
        Assert.Equal(2, gaps.GetProperty("count").GetInt32());
        Assert.Equal(20.1, gaps.GetProperty("longestS").GetDouble(), 6);
        Assert.Equal(25.2, gaps.GetProperty("totalS").GetDouble(), 6);
        Assert.Equal("2, the longest 20.1 s, 25.2 s in all without samples (no ticks fed across them; replay.json lists each)", Facts(outDir)["gaps in the recording"]);

        // The same gaps replay.json lists one by one.
        using JsonDocument source = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "replay.json")));
        Assert.Equal(new[] { 20.1, 5.1 }, source.RootElement.GetProperty("gaps").EnumerateArray().Select(g => Math.Round(g.GetProperty("durationS").GetDouble(), 6)));
    }

    [Fact]
    public void ARecordingWithoutGapsSaysNone()
    {
        string outDir = Replay(Recording("plain.mpt"));

        using JsonDocument summary = Summary(outDir);
        Assert.Equal(0, summary.RootElement.GetProperty("gaps").GetProperty("count").GetInt32());
        Assert.Equal(0, summary.RootElement.GetProperty("gaps").GetProperty("totalS").GetDouble());
        Assert.Equal("none", Facts(outDir)["gaps in the recording"]);
    }

    /// <summary>
    /// One cell as an EC-Lab file: 2 s rests and 1 s pulses of 0.385 mA from t = 0, a sample every 0.1 s up to 150 s of
    /// the protocol; from each (at, s) on, the samples <c>s</c> later (a pause in the logging).
    /// </summary>
    private string Recording(string name, params (double AtS, double PauseS)[] pauses)
    {
        StringBuilder text = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\t<I>/mA\n");
        for (int i = 0; i < 1500; i++)
        {
            double t = i / 10.0;
            bool pulse = i % 30 >= 20;
            double shift = pauses.Where(p => t >= p.AtS - 1e-9).Sum(p => p.PauseS);
            text.Append((t + shift).ToString("0.###", CultureInfo.InvariantCulture)).Append(pulse ? "\t0.120000\t0.385000\n" : "\t0.004000\t0.000000\n");
        }

        return _scratch.Write(name, text.ToString());
    }

    private string Replay(string file, params string[] extra)
    {
        string outDir = _scratch.Path2("replay-" + Path.GetFileNameWithoutExtension(file) + "-" + Guid.NewGuid().ToString("N"));
        using EdgeSimProcess replay = EdgeSimProcess.Run(new[] { "replay", file, "--out", outDir, "--quiet" }.Concat(extra).ToArray());
        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        return outDir;
    }

    private static JsonDocument Summary(string outDir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));

    /// <summary>The report's summary block as it carries it: label and value pairs in the page's data.</summary>
    private static Dictionary<string, string> Facts(string outDir)
    {
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        using JsonDocument data = JsonDocument.Parse(ReportData().Match(html).Groups[1].Value);
        return data.RootElement.GetProperty("facts").EnumerateArray().ToDictionary(f => f[0].GetString()!, f => f[1].GetString()!);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ReportData();
}
