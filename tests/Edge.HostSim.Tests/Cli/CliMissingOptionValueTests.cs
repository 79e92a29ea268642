// Licensed under the MIT License.

using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// An option that takes a value, given another option where its value belongs. The parser took the second option as
/// the first one's value and blamed what followed: `replay FILE --area --out q` said "'q' is one argument too many
/// (replay takes FILE)", and `run s.json --out --quiet` ran and wrote its output to a folder named "--quiet". Each verb
/// now names the option left without a value and the option it got, exit 2, nothing written.
/// </summary>
public sealed class CliMissingOptionValueTests : IDisposable
{
    private readonly CliScratch _scratch = new CliScratch();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("replay|arbin.csv|--area|--out|q", "--area: needs a value (got the option --out)")]
    [InlineData("run|short.json|--out|--quiet", "--out: needs a value (got the option --quiet)")]
    [InlineData("run|short.json|-o|-q", "-o: needs a value (got the option -q)")]
    [InlineData("sweep|short.json|--rest|--out|q", "--rest: needs a value (got the option --out)")]
    [InlineData("sweep|short.json|--out|--rest|1", "--out: needs a value (got the option --rest)")]
    [InlineData("study|study.json|--parallel|--out|q", "--parallel: needs a value (got the option --out)")]
    [InlineData("corpus|--seed|--out|q", "--seed: needs a value (got the option --out)")]
    [InlineData("score|corpus|--out|--parallel|2", "--out: needs a value (got the option --parallel)")]
    [InlineData("run|short.json|--out|--help", "--out: needs a value (got the option --help)")]
    [InlineData("sweep|short.json|--out|q|--rest", "--rest: needs a value (nothing follows it)")]
    public void An_option_followed_by_another_option_is_named_as_missing_its_value(string commandLine, string message)
    {
        _scratch.Write("arbin.csv", "Test_Time(s),Current(A),Voltage(V)\n0,0,3\n");
        _scratch.Write("short.json", CliScratch.ShortScenario);
        _scratch.Write("study.json", "{}");
        Directory.CreateDirectory(_scratch.Path2("corpus"));
        string[] before = Entries();

        using EdgeSimProcess process = EdgeSimProcess.Run(TimeSpan.FromSeconds(60), _scratch.Root, commandLine.Split('|'));

        CliArgumentTests.AssertRejected(process, message.Substring(0, message.IndexOf(':', StringComparison.Ordinal)), message);
        Assert.StartsWith("edge-sim " + commandLine.Split('|')[0] + ": " + message, process.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, Entries());
    }

    private string[] Entries() =>
        Directory.EnumerateFileSystemEntries(_scratch.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
}
