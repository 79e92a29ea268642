// Licensed under the MIT License.

using Edge.Core.Records;
using Edge.Core.Telemetry.Encoding;
using Edge.HostSim.Faults;
using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// A simulated device bridged to MQTT (<c>run --mqtt</c>) publishes what its ticks produced and nothing for the
/// releases no tick answered: while the runtime hangs (<c>runtimeHang</c>) a device sends nothing, and a release a
/// late tick swallowed has no records of its own. No broker is needed: the publisher numbers every stream message
/// whether or not it reaches one.
/// </summary>
public sealed class RuntimeHangTelemetryTests
{
    [Fact]
    public void A_hung_runtime_publishes_nothing_and_no_record_twice()
    {
        // The 1 s pulse ends at the tick at 1.00 s (a state change to rest on telemetry/state); the runtime hangs from
        // 1.01 s for 0.5 s, so no tick clears that record from the core's buffer until the hang ends.
        Scenario scenario = ScenarioLoader.Parse("""
            { "name": "hang-telemetry", "seed": 4, "samplePeriodMs": 10, "timeLimitS": 3,
              "pack": { "modules": 1, "cellsPerModule": 1, "preset": "nak50-nasicon" },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for 5 s" ], "rest": "fixed" },
              "controller": { "mode": "observe" } }
            """);
        scenario.Faults.Add(new FaultSpec { Kind = FaultKind.RuntimeHang, AtS = 1.01, DurationS = 0.5 });
        using MqttDeviceBridge bridge = new MqttDeviceBridge(new MqttBridgeOptions
        {
            Host = "127.0.0.1",
            Port = 9,
            FirstConnectionWaitMs = 0,
            ReconnectDelayMinMs = 60_000,
            ReconnectDelayMaxMs = 60_000,
        });
        long stateRecords = 0;
        long cellRecords = 0;
        long hungReleases = 0;
        long stateSeqAtHang = -1;
        bool stateSeqMovedWhileHung = false;
        RunOptions options = new RunOptions { RecordTrace = false, CellVoltagePeriodMs = 500, RunOnWhenAllModulesStop = true };
        options.Observer = bridge.Observer(o =>
        {
            if (!o.Ticked)
            {
                hungReleases++;
                long seq = bridge.LastSeq(TopicId.TelemetryState);
                stateSeqAtHang = stateSeqAtHang < 0 ? seq : stateSeqAtHang;
                stateSeqMovedWhileHung |= seq != stateSeqAtHang;
                return;
            }

            // What the core produced (CONTRACT.md: telemetry/state carries state changes and tuned rests).
            for (int i = 0; i < o.Controller.Telemetry.Count; i++)
            {
                TelemetryRecordKind kind = o.Controller.Telemetry[i].Kind;
                stateRecords += kind == TelemetryRecordKind.StateChanged || kind == TelemetryRecordKind.RestTuned ? 1 : 0;
                cellRecords += kind == TelemetryRecordKind.CellVoltages ? 1 : 0;
            }
        });

        new ClosedLoopRunner(scenario, options).Run();

        // Releases at 1010, 1020, ..., 1500 ms: 50 found the runtime hung.
        Assert.Equal(50, hungReleases);
        Assert.False(stateSeqMovedWhileHung, "a hung device numbered new telemetry/state messages");
        Assert.Equal(stateRecords, bridge.LastSeq(TopicId.TelemetryState));
        Assert.Equal(cellRecords, bridge.LastSeq(TopicId.TelemetryCells));
    }
}
