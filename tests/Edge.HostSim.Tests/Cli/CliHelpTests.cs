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
    public void VersionPrintsTheVersion()
    {
        using EdgeSimProcess version = EdgeSimProcess.Run("--version");

        Assert.Equal(0, version.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Stdout);
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
