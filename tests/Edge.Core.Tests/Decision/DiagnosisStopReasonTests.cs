using Edge.Core.Decision;
using Edge.Core.Diagnosis;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Telemetry;
using Xunit;
using Edge.Core.Records;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// Every diagnosis has a stop-reason family, and it agrees with the event kind the diagnosis table gives the
/// diagnosis: a new id without a family, or one filed under the wrong family, fails here.
/// </summary>
public class DiagnosisStopReasonTests
{
    private static StopReason FamilyOf(EventKind kind) => kind switch
    {
        EventKind.DepletionOnset => StopReason.DepletionOnset,
        EventKind.SoftShort => StopReason.SoftShort,
        EventKind.HardShort => StopReason.HardShort,
        EventKind.Overvoltage or EventKind.Undervoltage or EventKind.Overcurrent or EventKind.Overtemperature => StopReason.Protection,
        EventKind.ChannelFault or EventKind.TickTiming => StopReason.Plausibility,
        _ => throw new InvalidOperationException("no family for event kind " + kind),
    };

    [Fact]
    public void EveryDiagnosisMapsToTheFamilyOfItsEventKind()
    {
        DiagnosisTable table = DiagnosisTable.CreateDefault();
        foreach (DiagnosisId id in Enum.GetValues<DiagnosisId>())
        {
            Assert.Equal(FamilyOf(table[id].EventKind), DiagnosisStopReason.Of(id));
        }
    }

    [Fact]
    public void AnIdOutsideTheEnumIsAPlainFault()
    {
        Assert.Equal(StopReason.Fault, DiagnosisStopReason.Of((DiagnosisId)200));
    }
}
