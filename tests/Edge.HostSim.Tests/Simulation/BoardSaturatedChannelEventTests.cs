// Licensed under the MIT License.

using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A cell channel driven to the ADC's full scale on the DevKitC board's chain: its fault event carries what the channel
/// reads at that rail (CONTRACT.md, channelFault: the channel's reading), which lies above the channel's range, not 0 mV.
/// </summary>
public sealed class BoardSaturatedChannelEventTests
{
    private static string BoardPath(string name) => Path.Combine(AppContext.BaseDirectory, "boards", name);

    [Fact]
    public void A_cell_channel_at_full_scale_reports_a_reading_above_its_range()
    {
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "devkitc-saturated", "seed": 3, "samplePeriodMs": 10, "timeLimitS": 20,
              "pack": { "modules": 2, "cellsPerModule": 2, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 2 s" ] },
              "controller": { "mode": "act" },
              "measurement": { "board": "BOARD" },
              "faults": [ { "atS": 5, "module": 0, "cell": 1, "kind": "saturatedChannel" } ] }
            """.Replace("BOARD", BoardPath("esp32-devkitc-4s2m.board")));

        SimulationResult result = new ClosedLoopRunner(scenario, new RunOptions { RecordTrace = false }).Run();

        // The unit's calibration must cover the board's [safety] cell limits (+-3000 mV), so the full-scale reading it
        // gives lies above 3000 mV: the high end, told apart from the low end (below -3000 mV) by its sign.
        SimulationEvent fault = Assert.Single(result.Events, e => e.Kind == "channelFault");
        Assert.Equal("cellChannelSaturated", fault.Diagnosis);
        Assert.Equal(0, fault.Module);
        Assert.Equal(1, fault.Cell);
        Assert.Equal("mV", fault.Unit);
        Assert.True(fault.Value > 3000, $"a full-scale reading carried {fault.Value} mV");
    }
}
