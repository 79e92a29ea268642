using Edge.Core.Boards;
using Edge.HostSim.Measurement;
using Xunit;

namespace Edge.HostSim.Tests.Measurement;

/// <summary>The built-in board for scenarios that name none.</summary>
public class VirtualBoardTests
{
    [Fact]
    public void Modules_hold_consecutive_cells()
    {
        BoardDefinition board = VirtualBoard.Create(3, 4);
        Assert.Equal(12, board.CellCount);
        Assert.Equal(3, board.ModuleCount);
        Assert.Equal(4, board.ModuleAt(1).CellCount);
        Assert.Equal(4, board.ModuleAt(1).CellIndexAt(0));
        Assert.Equal(7, board.ModuleAt(1).CellIndexAt(3));
        Assert.Equal(2, board.ModuleOfCell(11));
        Assert.Equal("virtual-3x4", board.Name);
    }

    [Fact]
    public void Calibration_spans_the_safety_limits()
    {
        // Both ends of every channel must reach past the envelope, as the parser demands of real boards.
        BoardDefinition board = VirtualBoard.Create(2, 2);
        for (int i = 0; i < board.CellCount; i++)
        {
            Assert.True(board.CellAt(i).Calibration.MinValue < board.Safety.CellVoltageMinMv);
            Assert.True(board.CellAt(i).Calibration.MaxValue > board.Safety.CellVoltageMaxMv);
        }

        Assert.True(board.ModuleAt(0).CurrentCalibration.MaxValue > board.Safety.MaxModuleCurrentUa);
        Assert.True(board.ModuleAt(0).CurrentCalibration.MinValue < -board.Safety.MaxModuleCurrentUa);
    }

    [Fact]
    public void Rejects_empty_shapes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VirtualBoard.Create(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => VirtualBoard.Create(2, 0));
    }
}
