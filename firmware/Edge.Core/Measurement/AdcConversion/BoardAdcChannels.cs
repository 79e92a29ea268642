// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.Core.Measurement.AdcConversion
{
    /// <summary>
    /// All conversion channels of a board, created once at start-up (the only allocation) and then
    /// used on every sample: cell i, module m and temperature t by index.
    /// </summary>
    [HotPath]
    public sealed class BoardAdcChannels
    {
        private readonly CellVoltageChannel[] _cells;
        private readonly ModuleCurrentChannel[] _modules;
        private readonly TemperatureChannel[] _temperatures;

        public BoardAdcChannels(BoardDefinition board)
        {
            int fullScale = board.AdcFullScaleCounts;
            _cells = new CellVoltageChannel[board.CellCount];
            for (int i = 0; i < _cells.Length; i++)
            {
                _cells[i] = new CellVoltageChannel(board.CellAt(i), fullScale);
            }

            _modules = new ModuleCurrentChannel[board.ModuleCount];
            for (int i = 0; i < _modules.Length; i++)
            {
                _modules[i] = new ModuleCurrentChannel(board.ModuleAt(i), fullScale);
            }

            _temperatures = new TemperatureChannel[board.TemperatureCount];
            for (int i = 0; i < _temperatures.Length; i++)
            {
                _temperatures[i] = new TemperatureChannel(board.TemperatureAt(i), fullScale);
            }
        }

        public int CellCount
        {
            get { return _cells.Length; }
        }

        public int ModuleCount
        {
            get { return _modules.Length; }
        }

        public int TemperatureCount
        {
            get { return _temperatures.Length; }
        }

        public CellVoltageChannel CellAt(int index)
        {
            return _cells[index];
        }

        public ModuleCurrentChannel ModuleAt(int index)
        {
            return _modules[index];
        }

        public TemperatureChannel TemperatureAt(int index)
        {
            return _temperatures[index];
        }
    }
}
