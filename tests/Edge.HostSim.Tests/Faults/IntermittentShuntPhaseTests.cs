// Licensed under the MIT License.

using Edge.HostSim.Faults;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// An intermittent soft short conducts for exactly onS and is open for exactly offS, repeating from atS, on every
/// sample: its phase is not lost to binary fractions of the decimal times (0.01 s is no exact double).
/// </summary>
public sealed class IntermittentShuntPhaseTests
{
    [Theory]
    [InlineData(1000, 10, 10, 10)]
    [InlineData(0, 30, 70, 10)]
    [InlineData(1000, 100, 100, 10)]
    [InlineData(240000, 50, 600, 10)]
    [InlineData(7300, 200, 300, 100)]
    public void The_shunt_conducts_for_onS_and_opens_for_offS_on_every_sample(int atMs, int onMs, int offMs, int periodMs)
    {
        var fault = new FaultSpec
        {
            Kind = FaultKind.SoftShort, AtS = atMs / 1000.0, OnS = onMs / 1000.0, OffS = offMs / 1000.0,
            Module = 0, Cell = 0, ResistanceOhmCm2 = 100,
        };
        var bank = new SoftShortOverlapTests.ShuntRecordingBank(1);
        var injector = new FaultInjector(new[] { fault }, 1, bank, null!, 1);

        int wrong = 0;
        string first = string.Empty;
        for (long timeMs = atMs; timeMs < atMs + (20 * (onMs + offMs)); timeMs += periodMs)
        {
            injector.Update(timeMs / 1000.0);
            bool conducting = bank.ShuntOhmCm2[0] > 0;
            bool expected = (timeMs - atMs) % (onMs + offMs) < onMs;
            if (conducting != expected && wrong++ == 0)
            {
                first = timeMs + " ms: " + (conducting ? "conducting" : "open");
            }
        }

        Assert.True(wrong == 0, wrong + " samples in the wrong state, first at " + first);
    }
}
