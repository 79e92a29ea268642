// Licensed under the MIT License.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Replay;

/// <summary>
/// Rows that share their time with the row before (a cycler's two rows at a step change, or a time column too coarse for
/// its samples) are read as one, the last: the replay says how many, where they were replaced without a word.
/// </summary>
public sealed class SameTimeRowsTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void RowsAtTheTimeOfTheRowBeforeAreCountedWithTheFirstOnesLine()
    {
        // The shipped recording with two rows logged twice at the step that ends the pulse at 4 s and one at 7 s: the
        // before-step row again, then the after-step row. 4501 rows at distinct times stay 4501 samples.
        string shipped = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "recordings", "lab-cell.mpt");
        List<string> lines = File.ReadAllLines(shipped).ToList();
        int headerLines = int.Parse(Regex.Match(lines[1], @"Nb header lines : (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int at4 = headerLines + 200;
        int at7 = headerLines + 350;
        Assert.StartsWith("4.00\t", lines[at4], StringComparison.Ordinal);
        Assert.StartsWith("7.00\t", lines[at7], StringComparison.Ordinal);
        lines.Insert(at7, lines[at7]);
        lines.Insert(at4, lines[at4 - 1].Replace("3.98\t", "4.00\t", StringComparison.Ordinal));
        string file = _scratch.Write("twice.mpt", string.Join("\r\n", lines) + "\r\n");

        using EdgeSimProcess replay = EdgeSimProcess.Run(TimeSpan.FromMinutes(2), null, "replay", file, "--out", _scratch.Path2("replay"));

        Assert.True(replay.ExitCode == 0, replay.Stderr + replay.Stdout);
        Assert.Contains("(biologic-mpt, 4501 samples,", replay.Stdout, StringComparison.Ordinal);
        // The inserted row at 4 s is file line at4 + 1 (1-based); the row after it, at the same time, is the first replaced by a later one.
        Assert.Contains("same time: 2 rows have the time of the row before it (the first at line " + (at4 + 2) + ")", replay.Stdout, StringComparison.Ordinal);
        JsonNode source = JsonNode.Parse(File.ReadAllText(Path.Combine(_scratch.Path2("replay"), "replay.json")))!;
        Assert.StartsWith("2 rows have the time of the row before it (the first at line " + (at4 + 2) + ")", (string?)source["sameTimeRows"], StringComparison.Ordinal);
        Assert.Null(source["lastLineLeftOut"]);
    }
}
