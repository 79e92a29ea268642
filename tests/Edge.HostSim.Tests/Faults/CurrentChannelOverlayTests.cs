// Licensed under the MIT License.

using Edge.Core.Sampling;
using Edge.HostSim.Faults;
using Edge.HostSim.Measurement;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Faults;

/// <summary>
/// The currentSensor fault's saturated and missing modes on the simple chain (hostsim/README.md, faults): the channel
/// reads +-3000 uA Saturated or 0 Implausible for exactly its window, a stuck, offset or reversed fault on the same
/// module leaves such a reading as it is, and the other module reads its current.
/// </summary>
public sealed class CurrentChannelOverlayTests
{
    [Fact]
    public void A_missing_reading_holds_its_window_and_is_not_falsified_by_an_offset()
    {
        // 2 modules of 1 cell, no noise. Module 1 is missing from 1.00 s for 0.03 s (the samples 1.00, 1.01, 1.02 s) and
        // offset by +500 uA from 0.99 s to the end; module 0 carries 385 uA throughout.
        var spec = new MeasurementSpec { VoltageNoiseMv = 0, CurrentNoiseUa = 0 };
        var chain = new VirtualMeasurementChain(spec, 2, 2, 0, 1);
        FaultSpec[] faults =
        {
            new() { Kind = FaultKind.CurrentSensor, AtS = 0.99, Module = 1, CurrentSensorMode = CurrentSensorMode.Offset, OffsetUa = 500 },
            new() { Kind = FaultKind.CurrentSensor, AtS = 1.0, DurationS = 0.03, Module = 1, CurrentSensorMode = CurrentSensorMode.Missing },
        };
        var injector = new FaultInjector(faults, 1, null!, chain, 1);
        var frame = new SampleFrame(new Edge.Core.Sampling.PackLayout(2, 1, 0));
        var seen = new List<(int Ms, int Ua, ChannelStatus Status)>();
        for (int ms = 980; ms <= 1040; ms += 10)
        {
            injector.Update(ms, ms / 1000.0);
            chain.Convert(new[] { 2.0, 2.0 }, new[] { 385, 385 }, frame);
            if (injector.CurrentSensorFaulty)
            {
                injector.FalsifyCurrentReadings(frame);
            }

            Assert.Equal((385, ChannelStatus.Valid), (frame.ModuleCurrentUa[0], frame.ModuleCurrentStatus[0]));
            seen.Add((ms, frame.ModuleCurrentUa[1], frame.ModuleCurrentStatus[1]));
        }

        Assert.Equal(
            new[]
            {
                (980, 385, ChannelStatus.Valid), (990, 885, ChannelStatus.Valid), (1000, 0, ChannelStatus.Implausible),
                (1010, 0, ChannelStatus.Implausible), (1020, 0, ChannelStatus.Implausible), (1030, 885, ChannelStatus.Valid),
                (1040, 885, ChannelStatus.Valid),
            },
            seen);
    }

    [Theory]
    [InlineData(true, 3000)]
    [InlineData(false, -3000)]
    public void A_saturated_reading_sits_at_the_rail_of_its_side(bool railHigh, int expectedUa)
    {
        var chain = new VirtualMeasurementChain(new MeasurementSpec { CurrentNoiseUa = 0 }, 1, 1, 0, 1);
        var injector = new FaultInjector(new[] { new FaultSpec { Kind = FaultKind.CurrentSensor, AtS = 0.5, Module = 0, CurrentSensorMode = CurrentSensorMode.Saturated, RailHigh = railHigh } }, 1, null!, chain, 1);
        var frame = new SampleFrame(new Edge.Core.Sampling.PackLayout(1, 1, 0));

        injector.Update(490, 0.49);
        chain.Convert(new[] { 2.0 }, new[] { -154 }, frame);
        Assert.Equal((-154, ChannelStatus.Valid), (frame.ModuleCurrentUa[0], frame.ModuleCurrentStatus[0]));

        injector.Update(500, 0.5);
        chain.Convert(new[] { 2.0 }, new[] { -154 }, frame);
        Assert.Equal((expectedUa, ChannelStatus.Saturated), (frame.ModuleCurrentUa[0], frame.ModuleCurrentStatus[0]));
        Assert.False(injector.CurrentSensorFaulty);
    }
}
