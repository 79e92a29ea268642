// Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Cli.Terminal;
using Edge.HostSim.Scoring;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim score: run a corpus in parallel and judge each family (recall, lead time, capacity ratios, false alarms).</summary>
public static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> corpus = new Argument<string>("corpus") { Description = "Corpus folder written by edge-sim corpus.", HelpName = "DIR" };
        EdgeSimCommand.RejectOptionLikeValues(corpus);
        Option<string?> output = new Option<string?>("--out", "-o")
        {
            Description = "Score folder: score.json, score.md, runs.csv and plots (default: CORPUS/score).",
            HelpName = "DIR",
        };
        Option<int> parallel = CommonOptions.Parallel("corpus scenarios");
        Option<ProgressMode> progress = CommonOptions.Progress();
        Option<bool> quiet = CommonOptions.Quiet();
        Command command = new Command("score", "Run a scenario corpus and write the scorecard of every family.")
        {
            corpus, output, parallel, progress, quiet,
        };
        command.SetAction(result => Execute(context, result.GetRequiredValue(corpus), result.GetValue(output), result.GetValue(parallel), CommonOptions.ProgressOf(result, progress, quiet)));
        return command;
    }

    private static int Execute(CliContext context, string corpusDir, string? outOption, int parallel, ProgressMode progressMode)
    {
        LoadedCorpus corpus = ScoreRunner.Load(corpusDir);
        string outDir = outOption ?? Path.Combine(corpusDir, "score");
        OutputFolder.Check(outDir, "--out");
        CultureInfo inv = CultureInfo.InvariantCulture;
        Stopwatch wall = Stopwatch.StartNew();
        ScoreResult result;
        string title = string.Format(inv, "score: {0} runs of {1} families", corpus.Scenarios.Count, corpus.Families.Count);
        using (ProgressDisplay display = ProgressDisplay.Start(progressMode, context.Console, title, "progress: corpus runs finished"))
        {
            result = ScoreRunner.Run(
                corpus,
                parallel,
                (done, total, run) => display.Update(
                    total > 0 ? (double)done / total : 1.0,
                    string.Format(inv, "score: {0} of {1} runs; last {2}: {3:0.##} mAh/cm2, {4}", done, total, run.File, run.CapacityMAhPerCm2, run.Modules.Count > 0 ? run.Modules[0].StopReason : run.TerminatedBy),
                    string.Format(inv, "score: {0}/{1}", done, total)),
                context.Cancellation);
        }

        IReadOnlyList<string> plots = ScoreReportWriter.WriteAll(outDir, result);
        TextWriter stdout = context.Console.Out;
        stdout.Write(ScoreReportWriter.ConsoleSummary(result));
        stdout.WriteLine(string.Format(inv, "score wall time {0:0.#} s{1}", wall.Elapsed.TotalSeconds, result.Cancelled ? string.Format(inv, " (cancelled: partial score of {0} of {1} runs)", result.Runs.Count, corpus.Scenarios.Count) : string.Empty));
        stdout.WriteLine("report: " + Path.GetFullPath(Path.Combine(outDir, ScoreReportWriter.MarkdownFile)));
        stdout.WriteLine("scores: " + Path.GetFullPath(Path.Combine(outDir, ScoreReportWriter.JsonFile)));
        stdout.WriteLine("plots:  " + string.Join(", ", plots.Where(p => p.EndsWith(".png", StringComparison.Ordinal)).Select(Path.GetFullPath)));
        return result.Cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }
}
