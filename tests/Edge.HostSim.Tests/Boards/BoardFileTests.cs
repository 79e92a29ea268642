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
            Assert.Equal(path + ":3: [board] sample_period_ms: 'fast' is not a whole number of ms", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Board_whose_cell_limits_would_read_saturated_is_refused_at_its_divider_ratio()
    {
        // The shipped DevKitC board with cell 0 at ratio 0.5 around 1.225 V: +-3000 mV maps to -275..2725 mV, so every
        // cell voltage below about -2.2 V reads 0 counts and the lower limit could never be seen.
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "boards", "esp32-devkitc-4s2m.board"))
            .Replace("divider_ratio = 0.33\n", "divider_ratio = 0.5\n");
        string path = Path.Combine(Path.GetTempPath(), "edge-range-" + Guid.NewGuid().ToString("N") + ".board");
        File.WriteAllText(path, text);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => BoardFile.Load(path));
            Assert.StartsWith(path + ":", ex.Message);
            Assert.Contains("[cell 0] divider_ratio: the cell range -3000 to 3000 mV ([safety]) maps to -275 to 2725 mV at the ADC", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
