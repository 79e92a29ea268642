using System.Text;
using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// The retained telemetry/modules payload (CONTRACT.md): one array per field, indexed by module, among them <c>cell</c>, the
/// pack-wide index of the cell the latching diagnosis is about (-1: no one cell), and the byte budget the session sizes its
/// buffer by, for the largest pack (256 modules).
/// </summary>
public class ModulesEncoderTests
{
    /// <summary>
    /// The operator's case: 4 modules x 2 cells, a hard short on module 0's second cell (pack cell 1), module 3 held for a
    /// module overcurrent (no cell), module 2 restored from the stored record (hardShort, no cell known). Written out by hand.
    /// </summary>
    [Fact]
    public void EveryModuleCarriesTheCellOfItsLatchOrMinusOne()
    {
        string payload = Encode(
            "b1",
            new[] { ModuleState.Hold, ModuleState.Rest, ModuleState.Hold, ModuleState.Hold },
            new[] { StopReason.HardShort, StopReason.None, StopReason.HardShort, StopReason.Protection },
            new[] { (int)DiagnosisId.HardShort, -1, (int)DiagnosisId.HardShort, (int)DiagnosisId.ModuleOvercurrent },
            new[] { 1, -1, -1, -1 },
            new long[] { 120, 6545, 0, 77 },
            ModulesEncoder.MaximumBytes(4));
        Assert.Equal(
            "{\"v\":1,\"bootId\":\"b1\",\"state\":[\"hold\",\"rest\",\"hold\",\"hold\"],\"stopReason\":[\"hardShort\",\"none\",\"hardShort\",\"protection\"],"
            + "\"diagnosis\":[\"hardShort\",null,\"hardShort\",\"moduleOvercurrent\"],\"cell\":[1,-1,-1,-1],\"totalChargeUc\":[120,6545,0,77]}",
            payload);
    }

    /// <summary>
    /// The largest pack the core takes (256 cells: 256 modules of one cell, cells 0..255) with every entry at its longest:
    /// the longest name of each list (any value the encoder may be given, latching or not), the three-digit cell 255, the
    /// longest charge (a long's 20 characters) and a 32-character boot id. It must fit the budget: the session's buffer is
    /// that size, and a payload that overflows it is never published, so late subscribers would learn nothing.
    /// </summary>
    [Fact]
    public void TheLongestPayloadOfTheLargestPackFitsItsBudget()
    {
        const int Modules = 256;
        var longestState = (ModuleState)Longest(v => ContractNames.Of((ModuleState)v));
        var longestReason = (StopReason)Longest(v => ContractNames.Of((StopReason)v));
        int longestDiagnosis = Longest(v => ContractNames.Of((DiagnosisId)v));
        Assert.Equal("depletionEdgeResistanceRise", ContractNames.Of((DiagnosisId)longestDiagnosis));

        var states = new ModuleState[Modules];
        var reasons = new StopReason[Modules];
        var diagnoses = new int[Modules];
        var cells = new int[Modules];
        var charges = new long[Modules];
        for (int m = 0; m < Modules; m++)
        {
            states[m] = longestState;
            reasons[m] = longestReason;
            diagnoses[m] = longestDiagnosis;
            cells[m] = 255;
            charges[m] = long.MinValue;
        }

        string payload = Encode(new string('b', 32), states, reasons, diagnoses, cells, charges, ModulesEncoder.MaximumBytes(Modules));
        Assert.Contains("\"cell\":[255,255,", payload, StringComparison.Ordinal);
        Assert.EndsWith("-9223372036854775808]}", payload, StringComparison.Ordinal);
    }

    /// <summary>The value of the enum (0, 1, ...) whose contract name is longest; names past the list's end read "unknown", counted once.</summary>
    private static int Longest(Func<int, string> name)
    {
        int best = 0;
        for (int v = 0; v < 64; v++)
        {
            if (name(v).Length > name(best).Length)
            {
                best = v;
            }
        }

        return best;
    }

    private static string Encode(string bootId, ModuleState[] states, StopReason[] reasons, int[] diagnoses, int[] cells, long[] charges, int bufferBytes)
    {
        var writer = new JsonByteWriter();
        byte[] buffer = new byte[bufferBytes];
        writer.Reset(buffer, 0, buffer.Length);
        ModulesEncoder.Encode(writer, bootId, states, reasons, diagnoses, cells, charges);
        Assert.False(writer.Overflowed, "the payload overflowed its budget of " + bufferBytes + " bytes");
        return Encoding.UTF8.GetString(buffer, 0, writer.Length);
    }
}
