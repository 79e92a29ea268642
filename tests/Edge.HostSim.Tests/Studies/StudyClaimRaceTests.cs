// Licensed under the MIT License.

using System.Text;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// Two studies started at once into one new folder: the claim looked for study.json and then renamed its own over
/// whatever was there, so both could pass the look and the later rename replaced the first study's record while the
/// first went on writing its results. Exactly one claims the folder; the other is refused and changes nothing.
/// </summary>
public sealed class StudyClaimRaceTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void AWriteWhereTheFileAppearedLeavesItAsItWasAndNoTemporaryFile()
    {
        // The instant a losing claim meets: its check found no study.json, and the winner's is there now.
        string folder = _scratch.Path2("out");
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, StudyFolder.ManifestFile);
        File.WriteAllText(file, "winner\n");

        bool written = StudyFolder.WriteIfAbsent(file, Encoding.UTF8.GetBytes("loser\n"));

        Assert.False(written);
        Assert.Equal("winner\n", File.ReadAllText(file));
        Assert.Equal(new[] { StudyFolder.ManifestFile }, Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void OfWritersStartedTogetherExactlyOneWritesTheFile()
    {
        // Eight writers released at once by a barrier, 40 rounds, each round a new file: one writer a round may give
        // the file its name, and the file holds that writer's text whole. Checked for every round, not timed.
        const int Writers = 8;
        string folder = _scratch.Path2("race");
        Directory.CreateDirectory(folder);
        for (int round = 0; round < 40; round++)
        {
            string file = Path.Combine(folder, "study-" + round + ".json");
            using Barrier start = new Barrier(Writers);
            bool[] won = new bool[Writers];
            Thread[] threads = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
            {
                start.SignalAndWait();
                won[w] = StudyFolder.WriteIfAbsent(file, Encoding.UTF8.GetBytes("writer " + w + "\n"));
            })).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            Assert.Equal(1, won.Count(w => w));
            Assert.Equal("writer " + Array.IndexOf(won, true) + "\n", File.ReadAllText(file));
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));
    }

    [Fact]
    public void TwoDifferentStudiesStartedIntoOneNewFolderLeaveOneStudysResultsThere()
    {
        string outDir = _scratch.Path2("out");
        string a = _scratch.Write("a.json", StudyManifests.Small);
        string b = _scratch.Write("b.json", StudyManifests.Small.Replace("\"seed\": 3", "\"seed\": 4", StringComparison.Ordinal));
        using EdgeSimProcess first = EdgeSimProcess.Start(null, "study", a, "--out", outDir, "--quiet");
        using EdgeSimProcess second = EdgeSimProcess.Start(null, "study", b, "--out", outDir, "--quiet");
        first.WaitForExit(Patience);
        second.WaitForExit(Patience);

        // Whichever was first: it finished, the other was refused with one line and exit 2.
        Assert.True(first.ExitCode == 0 ^ second.ExitCode == 0, "exits " + first.ExitCode + " and " + second.ExitCode + "; " + first.Stderr + second.Stderr);
        EdgeSimProcess winner = first.ExitCode == 0 ? first : second;
        EdgeSimProcess loser = first.ExitCode == 0 ? second : first;
        CliArgumentTests.AssertRejected(loser, "'" + outDir + "'", loser == second ? "seed: 3 in the folder, 4 now" : "seed: 4 in the folder, 3 now");
        Assert.Contains("study small: 12 variants ran, 0 were already finished, 0 left; 12 of 12 in the folder", winner.Stdout, StringComparison.Ordinal);
        string recordedSeed = File.ReadAllText(Path.Combine(outDir, StudyFolder.ManifestFile)).Contains("\"seed\": 3", StringComparison.Ordinal) ? "3" : "4";
        Assert.Equal(winner == first ? "3" : "4", recordedSeed);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(outDir, StudyFolder.CsvFile)).Length);
    }
}
