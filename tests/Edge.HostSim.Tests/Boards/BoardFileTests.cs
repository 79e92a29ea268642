using Edge.HostSim.Boards;
using Xunit;

namespace Edge.HostSim.Tests.Boards;

/// <summary>Loading board files in the simulator.</summary>
public class BoardFileTests
{
    [Fact]
    public void Loads_a_shipped_board()
    {
        var board = BoardFile.Load(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-mux-6s.board"));
        Assert.Equal(6, board.CellCount);
    }

    [Fact]
    public void Rejected_board_names_file_and_line()
    {
        string path = Path.Combine(Path.GetTempPath(), "edge-bad-" + Guid.NewGuid().ToString("N") + ".board");
        File.WriteAllText(path, "[board]\nname = x\nsample_period_ms = fast\n");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => BoardFile.Load(path));
            Assert.Equal(path + ":3: [board] sample_period_ms: 'fast' is not a whole number", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
