// Licensed under the MIT License.

using System.Text.Json;
using System.Text.RegularExpressions;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// The top README's replay command runs on the recording the repository ships (hostsim/recordings/lab-cell.mpt): it named
/// a lab-cell.mpt that was nowhere, so a new user could not run it. The file is simulated and says so in its header.
/// </summary>
public sealed class ShippedRecordingTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheReadmesReplayCommandRunsOnTheShippedRecording()
    {
        string root = CliReadmeTests.RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Match command = Regex.Match(readme, @"^dotnet run -c Release --project hostsim/Edge\.HostSim\.Cli -- (replay .*)$", RegexOptions.Multiline);
        Assert.True(command.Success, "README.md shows no replay command");
        List<string> args = command.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        int outIndex = args.IndexOf("--out");
        Assert.True(outIndex > 0, "the README's replay command has no --out");
        string outDir = _scratch.Path2("replay");
        args[outIndex + 1] = outDir;

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), root, args.ToArray());

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        // The file is simulated and its header says so: every output says so too, none calls it recorded (they read
        // "recorded: lab-cell.mpt" and "Recorded data (lab-cell.mpt, biologic-mpt)", a simulation presented as lab data).
        Assert.StartsWith("simulated recording: lab-cell.mpt, biologic-mpt", summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a bench measurement", summary.RootElement.GetProperty("provenance").GetString(), StringComparison.Ordinal);
        Assert.Contains("simulated data, not a bench measurement: its header says 'SIMULATED DATA, NOT A BENCH MEASUREMENT", replay.Stdout, StringComparison.Ordinal);
        foreach (string file in new[] { "plot.svg", "report.html" })
        {
            string text = File.ReadAllText(Path.Combine(outDir, file));
            Assert.Contains("not a bench measurement", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Recorded data", text, StringComparison.Ordinal);
            Assert.DoesNotContain("recorded (", text, StringComparison.Ordinal);
        }

        // Its header: the run made it with a soft short injected at 30 s (50 ms of every 650 ms), no hard short, for 90 s.
        // The core confirms that soft short, not before the injection, and reports no hard short.
        List<JsonElement> events = File.ReadAllLines(Path.Combine(outDir, "events.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        JsonElement confirmed = Assert.Single(events, e => e.TryGetProperty("diagnosis", out JsonElement d) && d.GetString() == "softShortConfirmed");
        Assert.InRange(confirmed.GetProperty("tS").GetDouble(), 30, 40);
        Assert.DoesNotContain(events, e => e.GetProperty("kind").GetString() == "softShort" && e.GetProperty("tS").GetDouble() < 30);
        Assert.DoesNotContain(events, e => e.GetProperty("kind").GetString() == "hardShort");
        Assert.Equal(90, summary.RootElement.GetProperty("replayedS").GetDouble(), 2);
    }

    /// <summary>
    /// The shipped file is what its generator writes, byte for byte: the recording can be remade from the repository,
    /// and a change to the model or the controller that moves it shows up here. EDGE_REWRITE_LAB_CELL=1 writes it.
    /// </summary>
    [Fact]
    public void TheShippedRecordingIsWhatItsGeneratorWrites()
    {
        string path = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        string made = LabCellRecording.Make();
        if (Environment.GetEnvironmentVariable(LabCellRecording.RewriteVariable) == "1")
        {
            File.WriteAllText(path, made);
        }

        string shipped = File.ReadAllText(path);
        Assert.True(made == shipped, "hostsim/recordings/lab-cell.mpt is not what LabCellRecording writes; if the change is meant, remake it with " + LabCellRecording.RewriteVariable + "=1");
    }

    [Fact]
    public void TheShippedRecordingSaysItIsSimulatedAndIsSmall()
    {
        string path = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        string[] lines = File.ReadAllLines(path);
        int headerLines = int.Parse(Regex.Match(lines[1], @"^Nb header lines : (\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string header = string.Join("\n", lines.Take(headerLines));

        Assert.Equal("EC-Lab ASCII FILE", lines[0]);
        Assert.Contains("SIMULATED DATA, NOT A BENCH MEASUREMENT", header, StringComparison.Ordinal);
        Assert.Contains("Made with edge-sim", header, StringComparison.Ordinal);
        Assert.Contains("Scenario: {", header, StringComparison.Ordinal);
        Assert.InRange(new FileInfo(path).Length, 1, 300_000);
    }
}
