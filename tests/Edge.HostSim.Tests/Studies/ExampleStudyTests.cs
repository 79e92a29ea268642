// Licensed under the MIT License.

using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Studies;

/// <summary>
/// The example study the README shows (hostsim/studies/nak50-pulse-x-rest.json) still gives the table shipped next to
/// it: a change to the cell model or the core that moves its results must re-run it, or the README's figures and plot
/// describe code that no longer exists.
/// </summary>
public sealed class ExampleStudyTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TheShippedTableIsWhatTheCurrentCodeGives()
    {
        string studies = Path.Combine(CliReadmeTests.RepositoryRoot(), "hostsim", "studies");
        string output = _scratch.Path2("example");

        using EdgeSimProcess study = EdgeSimProcess.Run(TimeSpan.FromMinutes(5), null, "study", Path.Combine(studies, "nak50-pulse-x-rest.json"), "--out", output, "--quiet");

        Assert.True(study.ExitCode == 0, study.Stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(studies, "nak50-pulse-x-rest", "study.csv")), File.ReadAllText(Path.Combine(output, "study.csv")));
    }
}
