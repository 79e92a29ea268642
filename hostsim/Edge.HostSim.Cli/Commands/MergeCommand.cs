// Licensed under the MIT License.

using System.CommandLine;
using Edge.HostSim.Cli.Arguments;
using Edge.HostSim.Studies;

namespace Edge.HostSim.Cli.Commands;

/// <summary>edge-sim merge: joins the folders of a study's shards into the files a single run writes.</summary>
public static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string[]> shards = new Argument<string[]>("shards")
        {
            Description = "The shard folders (each written by edge-sim study --shard i/N).",
            HelpName = "SHARD_DIR",
            Arity = ArgumentArity.OneOrMore,
        };
        EdgeSimCommand.RejectOptionLikeValues(shards);
        Option<string> output = CommonOptions.Out("Folder for the merged study (may be one of the shard folders).");
        // Taken as run, sweep and study take it, so one option list serves every verb of a script; merge writes no
        // progress, so it changes nothing here.
        Option<bool> quiet = CommonOptions.Quiet();
        quiet.Description = "Taken as by study; merge writes no progress either way.";
        Command command = new Command("merge", "Join study shards into one study folder: study.csv, pareto.png/svg, report.html, variants/.") { shards, output, quiet };
        command.SetAction(result =>
        {
            string outDir = result.GetRequiredValue(output);
            foreach (string shard in result.GetRequiredValue(shards))
            {
                if (!Directory.Exists(shard))
                {
                    throw new UsageException("'" + shard + "' is not a folder");
                }
            }

            OutputFolder.Check(outDir, "--out");
            int count;
            IReadOnlyList<string> warnings;
            try
            {
                count = StudyMerge.Merge(result.GetRequiredValue(shards), outDir, StudyCommand.Load, out warnings);
            }
            catch (StudyException e)
            {
                throw new InputFileException(e.Message);
            }

            // Said as study says them (it wrote them to study-warnings.txt only): whoever merges may not have seen the
            // shards' logs.
            RunCommand.WriteWarnings(context.Console.Error, warnings);
            StudyCommand.WriteRemoved(context.Console.Error, "merge", new StudyFolder(outDir).RemoveLeftoverTemporaryFiles());

            // The same folder named twice (or once with a trailing slash) is one folder.
            string[] named = result.GetRequiredValue(shards);
            int folders = named.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal).Count();
            int repeats = named.Length - folders;
            context.Console.Out.WriteLine("merged " + count + " variants from " + folders + (folders == 1 ? " folder" : " folders")
                + (repeats == 0 ? string.Empty : repeats == 1 ? " (one named twice)" : " (" + repeats + " names repeated)"));
            context.Console.Out.WriteLine("table:  " + Path.GetFullPath(Path.Combine(outDir, StudyFolder.CsvFile)));
            context.Console.Out.WriteLine("report: " + Path.GetFullPath(Path.Combine(outDir, StudyFolder.ReportFile)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
