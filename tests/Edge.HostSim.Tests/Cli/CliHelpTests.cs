// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>-h, --help, --version, help per verb and unknown verbs, through the real executable.</summary>
public sealed class CliHelpTests
{
    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void HelpListsTheVerbs(string flag)
    {
        using EdgeSimProcess help = EdgeSimProcess.Run(flag);

        Assert.Equal(0, help.ExitCode);
        foreach (string verb in new[] { "run", "sweep", "completions" })
        {
            Assert.Contains(verb, help.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("run", "--realtime")]
    [InlineData("run", "--mqtt-allow-unreachable")]
    [InlineData("sweep", "--rest")]
    public void EachVerbHasItsOwnHelp(string verb, string option)
    {
        using EdgeSimProcess help = EdgeSimProcess.Run(verb, "-h");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("edge-sim " + verb, help.Stdout, StringComparison.Ordinal);
        Assert.Contains(option, help.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("sweep")]
    [InlineData("study")]
    [InlineData("replay")]
    [InlineData("score")]
    public void DefaultsAreShownOnceInTheUsersWords(string verb)
    {
        // System.CommandLine prints a default factory's value as .NET spells it: the enum name "Auto", not the
        // "auto" the option takes; and an option whose description already names its default showed it twice.
        using EdgeSimProcess help = EdgeSimProcess.Run(verb, "-h");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("auto (the default:", help.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("[default: Auto]", help.Stdout, StringComparison.Ordinal);
        foreach (string line in help.Stdout.Split('\n'))
        {
            Assert.False(line.Contains("(default", StringComparison.Ordinal) && line.Contains("[default:", StringComparison.Ordinal), "default given twice: " + line);
        }
    }

    [Fact]
    public void RunHelpShowsTheRealtimeFactorAsOptional()
    {
        // `run --realtime` alone paces at real time (README: `--realtime [factor]`); help wrote `--realtime <factor>`,
        // a value that must follow. The descriptions stay in one column.
        using EdgeSimProcess help = EdgeSimProcess.Run("run", "--help");

        Assert.Equal(0, help.ExitCode);
        string[] lines = help.Stdout.Split('\n');
        string realtime = Assert.Single(lines, l => l.TrimStart().StartsWith("--realtime", StringComparison.Ordinal));
        string progress = Assert.Single(lines, l => l.TrimStart().StartsWith("--progress", StringComparison.Ordinal));
        Assert.StartsWith("  --realtime [<factor>]  ", realtime, StringComparison.Ordinal);
        Assert.Equal(progress.IndexOf("How progress", StringComparison.Ordinal), realtime.IndexOf("Pace simulated time", StringComparison.Ordinal));

        // Options that need their value keep the plain form.
        Assert.Contains(lines, l => l.StartsWith("  --mqtt <host:port>  ", StringComparison.Ordinal));
    }

    [Fact]
    public void RunHelpSaysWhenTheDashboardStaysUpAndThatTheDeviceGoesOffline()
    {
        // README: the broker and page stay up until Ctrl-C when standard input is a terminal, a script's command ends
        // with the run, and the simulated device goes offline when the run ends. Help said only "stays up until Ctrl-C".
        using EdgeSimProcess help = EdgeSimProcess.Run("run", "--help");

        string dashboard = Assert.Single(help.Stdout.Split('\n'), l => l.TrimStart().StartsWith("--dashboard ", StringComparison.Ordinal));
        Assert.Contains("until Ctrl-C, when standard input is a terminal", dashboard, StringComparison.Ordinal);
        Assert.Contains("from a script the command ends with the run", dashboard, StringComparison.Ordinal);
        Assert.Contains("device goes offline", dashboard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "Corpus scenarios run at once")]
    [InlineData("sweep", "Variants run at once")]
    [InlineData("study", "Variants run at once")]
    public void ParallelSaysWhatRunsAtOnce(string verb, string description)
    {
        // score runs a corpus's scenarios, not a study's or sweep's variants.
        using EdgeSimProcess help = EdgeSimProcess.Run(verb, "--help");

        string parallel = Assert.Single(help.Stdout.Split('\n'), l => l.TrimStart().StartsWith("-j, --parallel", StringComparison.Ordinal));
        Assert.Contains(description, parallel, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        using EdgeSimProcess version = EdgeSimProcess.Run("--version");

        // The simulator runs the firmware's core and carries its version (Directory.Build.props, FirmwareVersion).
        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
        Assert.StartsWith(Edge.Core.Configuration.FirmwareVersion.Text, version.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVerbWithHelpIsAnError()
    {
        using EdgeSimProcess fly = EdgeSimProcess.Run("fly", "--help");

        CliArgumentTests.AssertRejected(fly, "'fly'", "unknown command");
        Assert.Equal(string.Empty, fly.Stdout);
    }

    [Fact]
    public void NoVerbIsAnError()
    {
        using EdgeSimProcess none = EdgeSimProcess.Run();

        CliArgumentTests.AssertRejected(none, "edge-sim", "missing command");
    }

    [Fact]
    public void CompletionsComeFromTheCommandTree()
    {
        using EdgeSimProcess script = EdgeSimProcess.Run("completions", "bash");
        using EdgeSimProcess suggest = EdgeSimProcess.Run("[suggest:20]", "edge-sim sweep --pro");

        Assert.Equal(0, script.ExitCode);
        Assert.Contains("complete -o default -F _edge_sim_complete edge-sim", script.Stdout, StringComparison.Ordinal);
        Assert.Equal("--progress", suggest.Stdout.Trim());
    }
}
