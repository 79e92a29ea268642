// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// How edge-sim run words a held module's latch under its table, in the dashboard card's words: the diagnosis and the cell
/// (counted in the module from 0), "module-wide" for a diagnosis about no one cell, never a bare -1 or null.
/// </summary>
public sealed class ModuleResultHoldTextTests
{
    [Fact]
    public void ALatchOnACellNamesTheCell()
    {
        ModuleResult held = new ModuleResult { Index = 1, State = "hold", StopReason = "hardShort", HoldDiagnosis = "hardShort", HoldCell = 5 };

        Assert.Equal("hardShort on cell 5", held.HoldText);
    }

    [Fact]
    public void ALatchAboutNoOneCellIsModuleWide()
    {
        ModuleResult held = new ModuleResult { Index = 0, State = "hold", StopReason = "protection", HoldDiagnosis = "moduleOvercurrent" };

        Assert.Equal("moduleOvercurrent, module-wide", held.HoldText);
    }

    [Fact]
    public void ARestoredLatchWhoseRecordNamesNoCellSaysTheCellIsNotKnown()
    {
        // The stored record keeps each module's diagnosis, not its cell (CONTRACT.md, telemetry/modules): a hard short is
        // about one cell, which after a reset is not known, so it is not called module-wide.
        ModuleResult held = new ModuleResult { Index = 0, State = "hold", StopReason = "hardShort", HoldDiagnosis = "hardShort", HoldCellUnknown = true };

        Assert.Equal("hardShort, cell not known", held.HoldText);
    }

    [Fact]
    public void AModuleNotHeldHasNoHoldText()
    {
        Assert.Equal(string.Empty, new ModuleResult { Index = 0, State = "done", StopReason = "cutoff" }.HoldText);
    }
}
