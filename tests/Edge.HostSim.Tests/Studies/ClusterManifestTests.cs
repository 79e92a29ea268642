// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Studies;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// The cluster examples (hostsim/cluster) call the CLI the image contains with options it has, run the study
/// file the image ships, and agree on the shard count. No cluster or container runtime is available here.
/// </summary>
public sealed class ClusterManifestTests
{
    private static readonly string Cluster = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "cluster");

    [Fact]
    public void KubernetesJobShardsMatchItsCompletions()
    {
        string job = File.ReadAllText(Path.Combine(Cluster, "kubernetes", "study-indexed-job.yaml"));
        int completions = int.Parse(Regex.Match(job, @"completions: (\d+)").Groups[1].Value);

        Assert.Contains("completionMode: Indexed", job, StringComparison.Ordinal);
        Assert.Contains("parallelism: " + completions, job, StringComparison.Ordinal);
        Assert.Contains("--shard $((JOB_COMPLETION_INDEX + 1))/" + completions, job, StringComparison.Ordinal);

        // A pod runs as many variants at once as it requested CPUs, as a Slurm task runs SLURM_CPUS_PER_TASK: without
        // --parallel the study takes the node's core count, which a CPU request (unlike a limit) does not lower.
        string cpus = Regex.Match(job, "requests:\\s+cpu: \"(\\d+)\"").Groups[1].Value;
        Assert.NotEqual(string.Empty, cpus);
        Assert.Matches("\\n\\s+--parallel " + cpus + "\\n", job);
        AssertUsesRealStudyOptions(job, "study");
        AssertShippedStudy(job);
        AssertUsesRealStudyOptions(File.ReadAllText(Path.Combine(Cluster, "kubernetes", "study-merge-job.yaml")), "merge");
    }

    [Fact]
    public void SlurmArrayTaskIsTheShard()
    {
        string array = File.ReadAllText(Path.Combine(Cluster, "slurm", "study-array.sbatch"));

        int tasks = int.Parse(Regex.Match(array, @"#SBATCH --array=1-(\d+)").Groups[1].Value);

        // N is the script's, not SLURM_ARRAY_TASK_COUNT: a failed task resubmitted alone (sbatch --array=3) is an
        // array of one, so it asked for shard 3/1 (refused) and task 1 for 1/1, the whole study.
        Assert.Contains("SHARDS=\"${SHARDS:-" + tasks + "}\"", array, StringComparison.Ordinal);
        Assert.Contains("--shard \"$SLURM_ARRAY_TASK_ID/$SHARDS\"", array, StringComparison.Ordinal);
        Assert.DoesNotContain("$SLURM_ARRAY_TASK_COUNT", array, StringComparison.Ordinal);
        AssertUsesRealStudyOptions(array, "study");
        AssertShippedStudy(array);
        AssertUsesRealStudyOptions(File.ReadAllText(Path.Combine(Cluster, "slurm", "study-merge.sbatch")), "merge");
        Assert.Contains("--dependency=\"afterok:${array}\"", File.ReadAllText(Path.Combine(Cluster, "slurm", "submit.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void NeitherManifestSplitsTheStudyIntoMoreShardsThanItHasVariants()
    {
        // study --shard refuses N above the variant count: every task of such a split would fail.
        string job = File.ReadAllText(Path.Combine(Cluster, "kubernetes", "study-indexed-job.yaml"));
        string array = File.ReadAllText(Path.Combine(Cluster, "slurm", "study-array.sbatch"));
        int completions = int.Parse(Regex.Match(job, @"completions: (\d+)").Groups[1].Value);
        int tasks = int.Parse(Regex.Match(array, @"#SBATCH --array=1-(\d+)").Groups[1].Value);

        foreach ((string manifest, int shards) in new[] { (job, completions), (array, tasks) })
        {
            string study = Regex.Match(manifest, @"/opt/edge-sim/studies/([\w.-]+\.json)").Groups[1].Value;
            int variants = StudyPlan.Expand(StudyLoader.LoadFile(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "studies", study))).Count;
            Assert.True(shards <= variants, study + " has " + variants + " variants, split into " + shards + " shards");
        }
    }

    [Fact]
    public void ImagePublishesTheCliWhereTheManifestsCallIt()
    {
        string dockerfile = File.ReadAllText(Path.Combine(Cluster, "Dockerfile"));

        Assert.Contains("dotnet publish hostsim/Edge.HostSim.Cli -c Release -o /opt/edge-sim", dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/opt/edge-sim/edge-sim\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY hostsim/studies /opt/edge-sim/studies", dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "Edge.HostSim.Cli", "Edge.HostSim.Cli.csproj")));
    }

    private static void AssertShippedStudy(string manifest)
    {
        string study = Regex.Match(manifest, @"/opt/edge-sim/studies/([\w.-]+\.json)").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "studies", study)), "the image has no study " + study);
    }

    private static void AssertUsesRealStudyOptions(string manifest, string verb)
    {
        string invocation = "/opt/edge-sim/edge-sim " + verb;
        int start = manifest.IndexOf(invocation, StringComparison.Ordinal);
        Assert.True(start >= 0, "no " + invocation);

        // The invocation's line and the continuation lines that carry its options.
        string[] lines = manifest.Substring(start).Split('\n');
        List<string> command = new List<string> { lines[0] };
        command.AddRange(lines.Skip(1).TakeWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        using EdgeSimProcess help = EdgeSimProcess.Run(verb, "--help");
        foreach (Match option in Regex.Matches(string.Join("\n", command), @"(?<=\s)--[a-z][a-z-]+"))
        {
            Assert.True(help.Stdout.Contains(option.Value, StringComparison.Ordinal), "edge-sim " + verb + " has no option " + option.Value);
        }
    }
}
