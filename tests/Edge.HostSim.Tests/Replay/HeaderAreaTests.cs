// Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using Edge.HostSim.Replay;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// A BioLogic export's header states the cell's electrode area ("Electrode surface area : 1,130 cm²"): replayed where
/// the user gives none, refused beside a user's area it contradicts. It was passed over: such a file was replayed at the
/// default 0.3848 cm2, its current densities 2.9 times the cell's.
/// </summary>
public sealed class HeaderAreaTests : IClassFixture<RecordedRun>, IDisposable
{
    private readonly RecordedRun _run;
    private readonly CliScratch _scratch = new CliScratch();

    public HeaderAreaTests(RecordedRun run) => _run = run;

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("Electrode surface area : 0.385 cm\u00b2", 0.385)]
    [InlineData("Electrode surface area : 1,130 cm\u00b2", 1.13)]
    [InlineData("Electrode surface area : 0.196 cm2", 0.196)]
    public void TheHeadersAreaIsRead(string line, double areaCm2)
    {
        // EC-Lab's own forms: three decimals, a decimal comma in a comma locale, cm² in Latin-1 (as EC-Lab writes it).
        LabRecording recording = LabFileReader.Read(WriteLatin1("area.mpt", line), null, 1);

        Assert.Equal(areaCm2, recording.HeaderArea!.AreaCm2, 12);
        Assert.Equal(4, recording.HeaderArea.LineNumber);
    }

    [Theory]
    [InlineData("Electrode surface area : 0.001 cm\u00b2")]
    [InlineData("Electrode surface area : 0.000 cm\u00b2")]
    [InlineData("Characteristic mass : 0.385 g")]
    public void EcLabsPlaceholderForNoAreaIsNoArea(string line)
    {
        // EC-Lab writes 0.001 cm² (0.000 in some versions) where its user entered no area: read as the cell's, 0.385 mA
        // would be 385 mA/cm2.
        LabRecording recording = LabFileReader.Read(WriteLatin1("none.mpt", line), null, 1);

        Assert.Null(recording.HeaderArea);
    }

    [Fact]
    public void WithoutAreaOptionOrScenarioTheHeadersAreaIsReplayedAndSaidToBe()
    {
        string file = WithArea("area.mpt", "1,130");

        using EdgeSimProcess replay = Replay(file, out string outDir);

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("area: 1.13 cm2, the recording's header's ('Electrode surface area : 1,130 cm\u00b2', line 5), as no --area was given", replay.Stdout, StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("recording", summary.RootElement.GetProperty("settingSources").GetProperty("areaCm2").GetString());
        Assert.Contains("1.13 cm2 (the recording\\u0027s header\\u0027s Electrode surface area, not given with --area)", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);

        // The run pulsed 1 mA/cm2 of 0.3848 cm2, 0.3848 mA: over the header's 1.13 cm2 that is 0.3405 mA/cm2 (at the
        // default area it read 1 mA/cm2).
        Assert.Equal(0.3848 / 1.13, LargestCurrentDensityMAPerCm2(outDir), 3);
    }

    [Fact]
    public void AnAreaOptionThatContradictsTheHeaderIsRefusedNamingBoth()
    {
        string file = WithArea("area.mpt", "1,130");

        using EdgeSimProcess replay = Replay(file, out string outDir, "--area", "0.3848");

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("area.mpt: its header states 'Electrode surface area : 1,130 cm\u00b2' (line 5), but --area gives 0.3848 cm2; give --area 1.13 or leave it out", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AnAreaOptionWithinTheHeadersRoundingIsReplayedAsGiven()
    {
        // 0.3848 cm2 is 0.385 to the header's three decimals: the same area.
        string file = WithArea("area.mpt", "0,385");

        using EdgeSimProcess replay = Replay(file, out string outDir, "--area", "0.3848");

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal("option", summary.RootElement.GetProperty("settingSources").GetProperty("areaCm2").GetString());
        Assert.Equal(File.ReadAllText(_run.EventsPath), File.ReadAllText(Path.Combine(outDir, "events.jsonl")));
    }

    [Fact]
    public void AScenarioThatLeavesTheAreaOutAndContradictsTheHeaderIsRefusedNamingItsField()
    {
        // The run's own scenario leaves out pack.areaCm2 and so replays its default 0.3848 cm2.
        string file = WithArea("area.mpt", "1,130");
        string scenario = _scratch.Write("scenario.json", RecordedRun.Scenario);

        using EdgeSimProcess replay = Replay(file, out string outDir, "--scenario", scenario);

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("but the --scenario file leaves out pack.areaCm2, so it replays 0.3848 cm2; give pack.areaCm2 1.13", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void APulseTooLargeForTheHeadersAreaPointsToTheHeaderNotToAnAreaOption()
    {
        // 0.3848 mA over 0.05 cm2 is 7.7 mA/cm2, past the envelope's 5 mA/cm2 (0.25 mA on 0.05 cm2). Offering --area led
        // to a refusal: an --area beside the header's that differs is refused.
        string file = WithArea("small.mpt", "0,050");

        using EdgeSimProcess replay = Replay(file, out string outDir);

        Assert.Equal(2, replay.ExitCode);
        Assert.Contains("above the 0.25 mA the safety envelope allows an electrode of 0.05 cm2", replay.Stderr, StringComparison.Ordinal);
        Assert.Contains("if the electrode is larger, correct the header's 'Electrode surface area : 0,050 cm\u00b2' (line 5), the area replayed", replay.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("--area", replay.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    /// <summary>The run as EC-Lab writes it, with an area line after the technique's name.</summary>
    private string WithArea(string name, string area)
    {
        string text = File.ReadAllText(_run.WriteBioLogic(name, _run.Rows, false));
        text = text.Replace("Nb header lines : 6\n", "Nb header lines : 7\n", StringComparison.Ordinal)
            .Replace("Chronopotentiometry\n", "Chronopotentiometry\nElectrode surface area : " + area + " cm\u00b2\n", StringComparison.Ordinal);
        string path = _scratch.Path2(name);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));
        return path;
    }

    /// <summary>A short EC-Lab export whose fourth line is <paramref name="headerLine"/>, in Latin-1.</summary>
    private string WriteLatin1(string name, string headerLine)
    {
        string path = _scratch.Path2(name);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("EC-Lab ASCII FILE\r\nNb header lines : 5\r\n\r\n" + headerLine + "\r\n"
            + "mode\ttime/s\tEwe/V\tI/mA\t\r\n1\t0.0\t0.0\t0.0\t\r\n1\t0.1\t0.21\t0.385\t\r\n"));
        return path;
    }

    private EdgeSimProcess Replay(string file, out string outDir, params string[] extra)
    {
        outDir = _scratch.Path2("out-" + Guid.NewGuid().ToString("N"));
        return EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, new[] { "replay", file, "--out", outDir }.Concat(extra).ToArray());
    }

    private static double LargestCurrentDensityMAPerCm2(string outDir)
    {
        string[] lines = File.ReadAllLines(Path.Combine(outDir, "trace.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "module0CurrentMAPerCm2");
        return lines.Skip(1).Max(l => Math.Abs(double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture)));
    }
}
