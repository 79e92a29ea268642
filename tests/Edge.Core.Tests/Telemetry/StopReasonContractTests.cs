using System.Text.RegularExpressions;
using Edge.Core.Decision;
using Edge.Core.Telemetry.Encoding;
using Xunit;
using Edge.Core.Records;
using Edge.Core.Configuration;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The stateChanged payload's stopReason names: CONTRACT.md and the dashboard's validator list exactly the
/// names the encoder writes, so a new reason cannot reach the broker undocumented or be refused by the dashboard.
/// </summary>
public class StopReasonContractTests
{
    private static string[] EncoderNames() => Enum.GetValues<StopReason>().Select(r => ContractNames.Of(r)).ToArray();

    [Fact]
    public void ContractListsEveryStopReasonAndNoOther()
    {
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));

        // The sentence "`stopReason`: `a`, `b`, ... `z`." up to its full stop.
        Match list = Regex.Match(contract, @"`stopReason`: ((?:`\w+`,?\s*)+)\.");
        Assert.True(list.Success, "CONTRACT.md has no stopReason list");
        string[] listed = Regex.Matches(list.Groups[1].Value, @"`(\w+)`").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(EncoderNames(), listed);
    }

    [Fact]
    public void DashboardAcceptsEveryStopReasonAndUnknown()
    {
        string validator = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "dashboard", "validate.js"));
        Match list = Regex.Match(validator, @"const STOP_REASONS = \[([^\]]*)\]");
        Assert.True(list.Success, "validate.js has no STOP_REASONS list");
        string[] listed = Regex.Matches(list.Groups[1].Value, @"'(\w+)'").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(EncoderNames().Append(ContractNames.Unknown), listed);
    }

    [Theory]
    [InlineData(StopReason.SoftShort, "softShort")]
    [InlineData(StopReason.HardShort, "hardShort")]
    [InlineData(StopReason.Protection, "protection")]
    [InlineData(StopReason.Plausibility, "plausibility")]
    public void NewReasonsEncodeUnderTheirContractNames(StopReason reason, string expected)
    {
        Assert.Equal(expected, ContractNames.Of(reason));
    }
}
