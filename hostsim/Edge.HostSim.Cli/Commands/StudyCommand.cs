// Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Cli.Terminal;
using Edge.HostSim.Output;
using Edge.HostSim.Studies;
using Spectre.Console;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim study: a base scenario and axes over its fields; variants in parallel, resumable, shardable.</summary>
public static class StudyCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> manifest = new Argument<string>("study") { Description = "Study manifest (JSON: base scenario and axes, see hostsim/README.md).", HelpName = "study.json" };
        EdgeSimCommand.RejectOptionLikeValues(manifest);
        Option<string> output = CommonOptions.Out("Study folder: study.csv, pareto.png/svg, report.html, variants/. A rerun into the same folder skips finished variants. Not needed with --list.");

        // --list writes nothing, so it needs no folder; everything else does.
        output.Required = false;
        Option<ShardSelection> shard = new Option<ShardSelection>("--shard")
        {
            Description = "Run only the i-th of N deterministic parts (every N-th variant), e.g. 2/8; join the folders with edge-sim merge.",
            HelpName = "i/N",
            DefaultValueFactory = _ => ShardSelection.All,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!ShardSelection.TryParse(text, out ShardSelection value, out string? problem))
                {
                    result.AddError("--shard: " + problem);
                }

                return value;
            },
        };
        Option<bool> dryRun = new Option<bool>("--list") { Description = "Print the variants (and which shard runs each) without running them." };
        Option<int> parallel = CommonOptions.Parallel("variants");
        Option<ProgressMode> progress = CommonOptions.Progress();
        Option<bool> quiet = CommonOptions.Quiet();
        Command command = new Command("study", "Run a parameter study: every combination of the axes' values on a base scenario, in parallel.")
        {
            manifest, output, shard, parallel, dryRun, progress, quiet,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(output) == null && !result.GetValue(dryRun))
            {
                result.AddError("Option '--out' is required.");
            }
        });
        command.SetAction(result => Execute(context, result.GetRequiredValue(manifest), result.GetValue(output) ?? string.Empty, result.GetValue(shard), result.GetValue(parallel), result.GetValue(dryRun), CommonOptions.ProgressOf(result, progress, quiet)));
        return command;
    }

    private static int Execute(CliContext context, string manifestPath, string outDir, ShardSelection shard, int parallel, bool list, ProgressMode progressMode)
    {
        CliConsole console = context.Console;
        StudySpec spec = Load(manifestPath);
        IReadOnlyList<StudyVariant> variants = Expand(spec, manifestPath);
        CultureInfo inv = CultureInfo.InvariantCulture;

        // Past the variant count some shards hold no variant: each such shard wrote an empty study that merged as if
        // it had run, and a split into more parts than there is work is a slip. Every shard of it is refused, not
        // only the empty ones, so a cluster run fails at its first task rather than part-way.
        if (shard.Count > variants.Count)
        {
            throw new UsageException(string.Format(inv, "--shard {0}: the study has {1} variants, so N must not exceed {1} (shard i of N runs variants i, i + N, ...; with N = {2} shards {3} to {2} would run none)",
                shard, variants.Count, shard.Count, variants.Count + 1));
        }
        // --list is the study's check without a run: it says them too. Each distinct one once, not once a variant.
        RunCommand.WriteWarnings(console.Error, StudyOutputWriter.Warnings(variants));
        if (list)
        {
            Table variantsTable = new Table().AddColumn("variant");
            foreach (StudyAxis axis in spec.Axes)
            {
                variantsTable.AddColumn(axis.Name);
            }

            variantsTable.AddColumn("shard of " + shard.Count.ToString(inv));
            foreach (StudyVariant v in variants)
            {
                List<string> cells = new List<string> { v.Id };
                cells.AddRange(v.Parameters.Select(p => Markup.Escape(StudyPlan.Text(p.Value))));
                cells.Add(((v.Index % shard.Count) + 1).ToString(inv));
                variantsTable.AddRow(cells.ToArray());
            }

            console.Results.Write(variantsTable);
            return ExitCodes.Ok;
        }

        OutputFolder.Check(outDir, "--out");
        StudyFolder folder = new StudyFolder(outDir);
        string manifest = StudyFolder.Manifest(spec, variants);

        // The folder keeps its record as study.json: a hand-written spec of that name there would be taken for
        // another study's record (and the advice to delete the folder would delete the spec). The record itself,
        // given back as the spec, resumes.
        string record = Path.GetFullPath(Path.Combine(outDir, StudyFolder.ManifestFile));
        if (Path.GetFullPath(manifestPath) == record && !StudyFolder.SameJson(File.ReadAllText(record), manifest))
        {
            throw new UsageException("--out: '" + outDir + "' keeps the study's record as " + StudyFolder.ManifestFile + ", which would write over the study spec '" + manifestPath + "'; give another folder or rename the spec");
        }

        folder.Claim(manifest);
        string title = "study " + spec.Name + (shard.Count > 1 ? " shard " + shard : string.Empty);
        WriteRemoved(console.Error, title, folder.RemoveLeftoverTemporaryFiles());

        // A result that fails the check is not taken as the run's: say which and why, one line each, and run it again.
        foreach ((StudyVariant variant, string file, string problem) in new StudyRunner(variants, folder) { Shard = shard }.RejectedResults())
        {
            console.Error.WriteLine(title + ": '" + file + "' " + problem + "; " + variant.Id + " runs again");
        }

        Stopwatch wall = Stopwatch.StartNew();
        StudyRunner runner;
        (int Ran, int Skipped, int Unfinished) outcome;
        using (ProgressDisplay display = ProgressDisplay.Start(progressMode, console, title, "progress: variants finished, and each running variant against its expected stop (a cut-off can end one earlier)"))
        {
            runner = new StudyRunner(variants, folder)
            {
                Shard = shard,
                MaximumParallelism = parallel,
                Cancellation = context.Cancellation,
                Progress = (done, total, fraction) => display.Update(
                    fraction,
                    string.Format(inv, "{0}: {1} of {2} variants done, {3:0.#} s", title, done, total, wall.Elapsed.TotalSeconds),
                    string.Format(inv, "{0}: {1}/{2}", title, done, total)),
            };
            outcome = runner.Run();
        }

        IReadOnlyList<StudyRow> rows = StudyOutputWriter.WriteAll(folder, spec, variants, manifest);
        IReadOnlyList<int> front = ParetoFront.Of(rows);
        Table table = new Table().AddColumns("variant").AddColumns(spec.Axes.Select(a => a.Name).ToArray()).AddColumns("mAh/cm2", "duty cycle", "stop");
        foreach (int i in front)
        {
            List<string> cells = new List<string> { rows[i].Variant };
            cells.AddRange(spec.Axes.Select(a => Markup.Escape(rows[i].Parameters[a.Name] is { } v ? StudyPlan.Text(v) : string.Empty)));
            cells.Add(Markup.Escape(rows[i].CapacityText("0.###")));
            cells.Add(rows[i].DutyCycle.ToString("0.###", inv));
            cells.Add(Markup.Escape(rows[i].StopText));
            table.AddRow(cells.ToArray());
        }

        console.Out.WriteLine(string.Format(inv, "{0}: {1} variants ran, {2} were already finished, {3} left; {4} of {5} in the folder; {6:0.##} s wall", title, outcome.Ran, outcome.Skipped, outcome.Unfinished, rows.Count, variants.Count, wall.Elapsed.TotalSeconds));
        // The printed front travels without report.html: say, as the report does, that its figures are simulated.
        console.Out.WriteLine(StudyReport.PrintedProvenance);
        console.Out.WriteLine("Pareto front (capacity versus duty cycle):");
        console.Results.Write(table);
        if (front.Any(i => rows[i].CapacityIsLowerBound))
        {
            console.Out.WriteLine(LowerBoundCapacity.Note);
        }

        bool cancelled = context.Cancellation.IsCancellationRequested;
        if (cancelled)
        {
            console.Out.WriteLine("cancelled: finished variants are kept; rerun the same command to run the " + outcome.Unfinished.ToString(inv) + " left");
        }

        console.Out.WriteLine("table:  " + Path.GetFullPath(Path.Combine(outDir, StudyFolder.CsvFile)));
        console.Out.WriteLine("plot:   " + Path.GetFullPath(Path.Combine(outDir, StudyFolder.PlotPngFile)));
        console.Out.WriteLine("report: " + Path.GetFullPath(Path.Combine(outDir, StudyFolder.ReportFile)));
        return cancelled ? ExitCodes.Cancelled : ExitCodes.Ok;
    }

    /// <summary>Says which temporary files a killed run left were removed (the first three by name).</summary>
    internal static void WriteRemoved(TextWriter error, string title, IReadOnlyList<string> removed)
    {
        if (removed.Count > 0)
        {
            error.WriteLine(title + ": removed " + removed.Count.ToString(CultureInfo.InvariantCulture) + (removed.Count == 1 ? " temporary file" : " temporary files")
                + " an interrupted run left (" + string.Join(", ", removed.Take(3)) + (removed.Count > 3 ? ", ..." : string.Empty) + ")");
        }
    }

    /// <summary>
    /// The study's variants; a refusal found while expanding them (an axis field the base lacks, an axis without
    /// effect, an invalid variant) names the spec file as the loader's refusals do.
    /// </summary>
    private static IReadOnlyList<StudyVariant> Expand(StudySpec spec, string path)
    {
        try
        {
            return StudyPlan.Expand(spec);
        }
        catch (StudyException e)
        {
            throw new InputFileException("study '" + path + "': " + e.Message);
        }
    }

    internal static StudySpec Load(string path)
    {
        try
        {
            return StudyLoader.LoadFile(path);
        }
        catch (StudyException e)
        {
            throw new InputFileException(e.Message);
        }
    }
}
