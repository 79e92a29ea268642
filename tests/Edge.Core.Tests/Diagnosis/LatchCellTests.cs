using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Diagnosis;

/// <summary>
/// The cell a module's latch is on (<see cref="DiagnosisManager.LatchCell"/>, carried by <see cref="ModuleStatesSnapshot"/>
/// into the retained telemetry/modules message): the pack-wide index of the cell whose diagnosis latched the module first;
/// -1 for a diagnosis about the module, a temperature sensor or the pack, and for a latch restored from the stored record
/// (which names no cell). Without it a late subscriber learned "hold, hardShort" and not which of 16 cells to replace.
/// </summary>
public class LatchCellTests
{
    /// <summary>4 modules of 2 cells (pack cells 0..7, module m's cells 2m and 2m + 1), one pack-wide temperature sensor, idle.</summary>
    private sealed class Pack
    {
        public readonly PackLayout Layout = new PackLayout(4, 2, 1);
        public readonly EdgeController Controller;
        private long _tickIndex;

        public Pack()
        {
            Controller = new EdgeController(Layout, new ControllerConfiguration { StartImmediately = false });
        }

        /// <summary>
        /// One 10 ms tick: every cell at 200 mV but <paramref name="highCells"/> at 3600 mV (over the 3300 mV overvoltage
        /// limit), module <paramref name="overcurrentModule"/>'s current at 1 A (far over any module limit), the sensor at
        /// <paramref name="temperatureDeciC"/>.
        /// </summary>
        public void Tick(int[] highCells = null, int overcurrentModule = -1, int temperatureDeciC = 250)
        {
            var frame = new SampleFrame(Layout);
            frame.TickIndex = _tickIndex;
            frame.TimestampMs = _tickIndex * 10;
            _tickIndex++;
            for (int c = 0; c < frame.CellVoltageMv.Length; c++)
            {
                frame.CellVoltageMv[c] = highCells != null && Array.IndexOf(highCells, c) >= 0 ? 3600 : 200;
                frame.CellVoltageStatus[c] = ChannelStatus.Valid;
            }

            for (int m = 0; m < Layout.ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = m == overcurrentModule ? 1_000_000 : 0;
                frame.ModuleCurrentStatus[m] = ChannelStatus.Valid;
            }

            frame.TemperatureDeciCelsius[0] = temperatureDeciC;
            frame.TemperatureStatus[0] = ChannelStatus.Valid;
            Controller.Tick(frame, new ActionFrame(Layout));
        }

        public void Ticks(int count, int[] highCells = null, int overcurrentModule = -1, int temperatureDeciC = 250)
        {
            for (int i = 0; i < count; i++)
            {
                Tick(highCells, overcurrentModule, temperatureDeciC);
            }
        }

        /// <summary>The snapshot's diagnoses and cells, as another thread copies them.</summary>
        public (int[] Diagnoses, int[] Cells) Retained()
        {
            var states = new ModuleState[4];
            var reasons = new StopReason[4];
            var diagnoses = new int[4];
            var cells = new int[4];
            Assert.True(Controller.ModuleStates.TryCopyTo(states, reasons, diagnoses, cells));
            return (diagnoses, cells);
        }
    }

    [Fact]
    public void ACellOvervoltageNamesItsPackWideCellAndTheFirstCellStaysTheCause()
    {
        var pack = new Pack();
        pack.Ticks(5);
        Assert.Equal(new[] { -1, -1, -1, -1 }, pack.Retained().Cells);

        // Module 2's second cell is pack cell 2 x 2 + 1 = 5; over the limit for more than the row's debounce of 2.
        pack.Ticks(5, highCells: new[] { 5 });
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(2).State);
        Assert.Equal(5, pack.Controller.Diagnosis.LatchCell(2));
        (int[] diagnoses, int[] cells) = pack.Retained();
        Assert.Equal(new[] { -1, -1, (int)DiagnosisId.CellOvervoltage, -1 }, diagnoses);
        Assert.Equal(new[] { -1, -1, 5, -1 }, cells);

        // The module's other cell goes over too: the cell that latched it first stays the one named.
        pack.Ticks(5, highCells: new[] { 4, 5 });
        Assert.Equal(new[] { -1, -1, 5, -1 }, pack.Retained().Cells);

        // A fault reset with the cells back in range releases the module: no cause, no cell.
        pack.Controller.RequestFaultReset(2);
        pack.Ticks(2);
        Assert.NotEqual(ModuleState.Hold, pack.Controller.Module(2).State);
        Assert.Equal(-1, pack.Controller.Diagnosis.LatchCell(2));
        Assert.Equal(new[] { -1, -1, -1, -1 }, pack.Retained().Cells);
        Assert.Equal(new[] { -1, -1, -1, -1 }, pack.Retained().Diagnoses);

        // Latched again, now by its first cell (pack cell 4).
        pack.Ticks(5, highCells: new[] { 4 });
        Assert.Equal(new[] { -1, -1, 4, -1 }, pack.Retained().Cells);
    }

    [Fact]
    public void AModuleOvercurrentIsAboutNoCell()
    {
        var pack = new Pack();
        pack.Ticks(5, overcurrentModule: 1);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(1).State);
        (int[] diagnoses, int[] cells) = pack.Retained();
        Assert.Equal(new[] { -1, (int)DiagnosisId.ModuleOvercurrent, -1, -1 }, diagnoses);
        Assert.Equal(new[] { -1, -1, -1, -1 }, cells);
        Assert.Equal(-1, pack.Controller.Diagnosis.LatchCell(1));
    }

    [Fact]
    public void APackOvertemperatureIsAboutNoCellOfAnyModule()
    {
        // 90 C against the 60 C limit, on the sensor that watches the whole pack.
        var pack = new Pack();
        pack.Ticks(10, temperatureDeciC: 900);
        (int[] diagnoses, int[] cells) = pack.Retained();
        Assert.All(diagnoses, d => Assert.Equal((int)DiagnosisId.CellOvertemperature, d));
        Assert.Equal(new[] { -1, -1, -1, -1 }, cells);
    }

    /// <summary>The stored record names a module and its diagnosis, no cell: a restored latch is on no known cell.</summary>
    [Fact]
    public void ALatchRestoredAfterAResetNamesNoCell()
    {
        var pack = new Pack();
        pack.Controller.RestoreLatchedFault(3, DiagnosisId.HardShort);
        pack.Ticks(2);
        Assert.Equal(ModuleState.Hold, pack.Controller.Module(3).State);
        (int[] diagnoses, int[] cells) = pack.Retained();
        Assert.Equal((int)DiagnosisId.HardShort, diagnoses[3]);
        Assert.Equal(-1, cells[3]);
    }
}
