// Licensed under the MIT License.

using Edge.HostSim.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// sweep and study say each distinct scenario field without effect once, not once a variant, before they run, and keep
/// them in their outputs: sweep.md and report.html; a study's study-warnings.txt and report.html, the same whether the
/// study ran whole or in shards merged. study --list, the study's check without a run, says them too.
/// </summary>
public sealed class FieldsWithoutEffectSweepStudyTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    // Adaptive rests bounded by minRestS, a rest step of 5 s and a trace period: a sweep gives every variant fixed rests
    // of its own lengths (the bound idles, the step's length is the sweep's) and records no trace.
    private const string SweptScenario = """
        { "name": "swept", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 3,
          "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
          "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "adaptive", "minRestS": 0.5 },
          "controller": { "mode": "act" },
          "trace": { "periodMs": 100 } }
        """;

    [Fact]
    public void A_sweep_says_each_idle_field_once_and_keeps_it_in_sweep_md_and_the_report()
    {
        string scenario = _scratch.Write("swept.json", SweptScenario);
        string outDir = _scratch.Path2("sweep");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = Program.Execute(new[] { "sweep", scenario, "--rest", "0.5,1,2", "--out", outDir, "--quiet" }, stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        string[] expected =
        {
            "protocol.minRestS has no effect: the rests are fixed (sweep --rest gives every variant fixed rests of its lengths); the bounds apply in run or study with \"rest\": \"adaptive\"",
            "trace.periodMs has no effect: a sweep records no trace (sweep.csv holds each variant's outcome); it acts in run",
        };
        Assert.Equal(expected, Warnings(stderr.ToString()));

        string md = File.ReadAllText(Path.Combine(outDir, "sweep.md"));
        foreach (string warning in expected)
        {
            Assert.Contains("- warning: " + warning + "\n", md, StringComparison.Ordinal);
            Assert.Contains(System.Text.Json.JsonSerializer.Serialize(warning)[1..^1], File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
        }

        // The csv keeps its columns: a script reading it is not disturbed.
        Assert.StartsWith("restS,capacityMAhPerCm2,dutyCycle,stopReason,holdDiagnosis,simulatedS,wallS,events,capacityIsLowerBound\n", File.ReadAllText(Path.Combine(outDir, "sweep.csv")), StringComparison.Ordinal);
    }

    // Two variants, one observing: minimumPulseS idles in that one only. The trace period idles in both.
    private const string Study = """
        { "name": "idle", "seed": 1,
          "base": { "name": "idle", "seed": 1, "samplePeriodMs": 10, "timeLimitS": 2,
            "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
            "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 1 s" ], "rest": "fixed" },
            "controller": { "mode": "act", "minimumPulseS": 0.5 },
            "trace": { "periodMs": 100 } },
          "axes": [ { "name": "mode", "field": "controller.mode", "values": ["observe", "act"] } ] }
        """;

    private static readonly string[] s_studyWarnings =
    {
        "controller.minimumPulseS has no effect: pulses are shortened in answer to depletion in act mode only, and the controller observes (\"mode\": \"observe\"); it acts with \"mode\": \"act\" (in 1 of 2 variants)",
        "trace.periodMs has no effect: a study records no trace (study.csv holds each variant's outcome); it acts in run",
    };

    [Fact]
    public void A_study_says_each_idle_field_once_with_the_share_of_variants_and_its_shards_merge_to_the_same_file()
    {
        string manifest = _scratch.Write("study.json", Study);

        StringWriter listErr = new StringWriter();
        Assert.Equal(0, Program.Execute(new[] { "study", manifest, "--list" }, new StringWriter(), listErr));
        Assert.Equal(s_studyWarnings, Warnings(listErr.ToString()));

        string single = _scratch.Path2("single");
        StringWriter stderr = new StringWriter();
        int code = Program.Execute(new[] { "study", manifest, "--out", single, "--quiet", "--parallel", "1" }, new StringWriter(), stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal(s_studyWarnings, Warnings(stderr.ToString()));
        Assert.Equal(string.Concat(s_studyWarnings.Select(w => w + "\n")), File.ReadAllText(Path.Combine(single, "study-warnings.txt")));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(s_studyWarnings[0]), File.ReadAllText(Path.Combine(single, "report.html")), StringComparison.Ordinal);

        // A shard runs one variant, yet says and keeps what the whole study's variants give.
        for (int i = 1; i <= 2; i++)
        {
            StringWriter shardErr = new StringWriter();
            Assert.Equal(0, Program.Execute(new[] { "study", manifest, "--out", _scratch.Path2("shard" + i), "--shard", i + "/2", "--quiet" }, new StringWriter(), shardErr));
            Assert.Equal(s_studyWarnings, Warnings(shardErr.ToString()));
        }

        string merged = _scratch.Path2("merged");
        Assert.Equal(0, Program.Execute(new[] { "merge", _scratch.Path2("shard1"), _scratch.Path2("shard2"), "--out", merged }, new StringWriter(), new StringWriter()));
        // report.html's plot carries ids counted per process (StudyShardTests compares it across processes).
        foreach (string file in new[] { "study-warnings.txt", "study.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, file)), File.ReadAllBytes(Path.Combine(merged, file)));
        }

        Assert.Contains(System.Net.WebUtility.HtmlEncode(s_studyWarnings[1]), File.ReadAllText(Path.Combine(merged, "report.html")), StringComparison.Ordinal);
    }

    private static string[] Warnings(string stderr) => stderr.Split('\n')
        .Where(l => l.StartsWith("warning: ", StringComparison.Ordinal))
        .Select(l => l["warning: ".Length..].TrimEnd('\r'))
        .ToArray();
}
