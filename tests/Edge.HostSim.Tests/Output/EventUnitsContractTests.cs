// Licensed under the MIT License.

using System.Text.RegularExpressions;
using Edge.HostSim.Simulation;
using Edge.HostSim.Tests.Cli;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>
/// The unit the simulator's outputs give an event's value and threshold is the one the device's contract gives for
/// its kind and diagnosis (CONTRACT.md, "value and threshold per kind"), read from the contract's own table.
/// </summary>
public class EventUnitsContractTests
{
    [Fact]
    public void EveryKindAndDiagnosisOfTheContractsTableGetsTheUnitItsValueCellNames()
    {
        var rows = ContractRows();
        Assert.True(rows.Count >= 25, $"{rows.Count} rows read from the contract's table");
        foreach ((string[] kinds, string[] diagnoses, string value) in rows)
        {
            foreach (string kind in kinds)
            {
                foreach (string? diagnosis in diagnoses.Length == 0 ? new string?[] { null } : diagnoses)
                {
                    string? unit = EventUnits.Of(kind, diagnosis);
                    if (value == "0")
                    {
                        Assert.True(unit == null, $"{kind} ({diagnosis}): value and threshold are 0, yet the unit is {unit}");
                        continue;
                    }

                    Assert.True(unit != null, $"{kind} ({diagnosis}) has no unit; the contract says: {value}");
                    Assert.True(Regex.IsMatch(value, @"(^|[\s,(])" + Regex.Escape(unit!) + @"($|[\s,):;])"), $"{kind} ({diagnosis}): unit {unit}, but the contract says: {value}");
                }
            }
        }
    }

    [Theory]
    [InlineData("channelFault", "cellChannelStuck", "mV")]
    [InlineData("channelFault", "cellChannelSaturated", "mV")]
    [InlineData("channelFault", "currentChannelSaturated", "uA")]
    [InlineData("channelFault", "currentChannelInvalid", "status code")]
    [InlineData("channelFault", "currentChannelImplausible", "uA")]
    [InlineData("channelFault", "muxAddressFault", "ADC counts")]
    [InlineData("hardShort", "hardShortShuntEdge", "milliohm")]
    [InlineData("hardShort", "hardShort", "uV")]
    [InlineData("overtemperature", "cellOvertemperature", "0.1 degC")]
    public void AChannelFaultsUnitFollowsItsDiagnosis(string kind, string diagnosis, string unit)
    {
        // The contract's channelFault row names one value cell for every diagnosis: a saturated channel's reading
        // (a cell's in mV, a current's in uA), an invalid one's status code, a stuck cell's response in mV.
        Assert.Equal(unit, EventUnits.Of(kind, diagnosis));
    }

    /// <summary>The table's rows: the kinds (backticked, outside parentheses), the diagnoses (inside) and the value cell.</summary>
    private static List<(string[] Kinds, string[] Diagnoses, string Value)> ContractRows()
    {
        string contract = File.ReadAllText(Path.Combine(CliReadmeTests.RepositoryRoot(), "firmware", "Edge.Core.Messaging", "Telemetry", "CONTRACT.md"));
        int start = contract.IndexOf("| kind (diagnosis) | `value` |", StringComparison.Ordinal);
        Assert.True(start >= 0, "the contract's value and threshold table was not found");
        var rows = new List<(string[], string[], string)>();
        foreach (string line in contract[start..].Split('\n').Skip(2))
        {
            if (!line.StartsWith("| `", StringComparison.Ordinal))
            {
                break;
            }

            string[] cells = line.Split('|');
            string first = cells[1];
            int open = first.IndexOf('(');
            string kindsPart = open >= 0 ? first[..open] : first;
            string diagnosesPart = open >= 0 ? first[open..] : string.Empty;
            string[] kinds = Regex.Matches(kindsPart, "`([a-zA-Z]+)`").Select(m => m.Groups[1].Value).ToArray();
            string[] diagnoses = Regex.Matches(diagnosesPart, "`([a-zA-Z]+)`").Select(m => m.Groups[1].Value).ToArray();
            string value = cells[2].Trim();
            if (diagnosesPart.Contains('/', StringComparison.Ordinal))
            {
                // "(`depletionTrendInfo`/`Warning`/`Fault`)": the grades share the first name's stem.
                string stem = Regex.Replace(diagnoses[0], "Info$", string.Empty);
                diagnoses = diagnoses.Select((d, i) => i == 0 ? d : stem + d).ToArray();
            }

            rows.Add((kinds, diagnoses, value));
        }

        return rows;
    }
}
