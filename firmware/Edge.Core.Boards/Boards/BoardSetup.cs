// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Sampling;

namespace Edge.Core.Boards
{
    /// <summary>
    /// Turns a board file into what the control core runs on: the parsed <see cref="BoardDefinition"/>,
    /// the <see cref="PackLayout"/> and a <see cref="ControllerConfiguration"/> clipped to the board's
    /// safety envelope. Any problem leaves <see cref="Board"/> null and says why in <see cref="Error"/>;
    /// the caller then keeps every switch open and does not start the control loop. The device boots with it, and
    /// the simulator's <c>edge-sim board</c> checks a board file with it, so the two give the same verdict.
    /// </summary>
    public sealed class BoardSetup
    {
        private BoardSetup(BoardDefinition board, PackLayout layout, ControllerConfiguration configuration, string error)
        {
            Board = board;
            Layout = layout;
            Configuration = configuration;
            Error = error;
        }

        /// <summary>Parsed board, or null when the board text was unusable.</summary>
        public BoardDefinition Board { get; }

        /// <summary>Pack layout derived from the board's modules, or null.</summary>
        public PackLayout Layout { get; }

        /// <summary>Controller configuration for this board, or null.</summary>
        public ControllerConfiguration Configuration { get; }

        /// <summary>Why the board is unusable ("line N: ..." for parse errors), or null.</summary>
        public string Error { get; }

        /// <summary>True when the control loop may start.</summary>
        public bool IsUsable
        {
            get { return Board != null; }
        }

        /// <summary>Parses <paramref name="boardText"/> and derives layout and configuration.</summary>
        public static BoardSetup FromText(string boardText)
        {
            if (!BoardParser.TryParse(boardText, out BoardDefinition board, out BoardParseError parseError))
            {
                return Unusable("board file " + parseError.ToString());
            }

            if (!BoardPackLayout.TryCreate(board, out PackLayout layout, out string layoutError))
            {
                return Unusable("board " + board.Name + ": " + layoutError);
            }

            ControllerConfiguration configuration = BoardConfiguration.Create(board);
            string levelConflict = BoardSafetyLimits.LevelConflict(board.Safety, configuration.Protection);
            if (levelConflict != null)
            {
                return Unusable("board " + board.Name + ": " + levelConflict);
            }

            ConfigurationError configurationError = ConfigurationValidator.Validate(configuration, layout);
            if (configurationError != null)
            {
                return Unusable("controller configuration for board " + board.Name + ": " + configurationError.ToString());
            }

            return new BoardSetup(board, layout, configuration, null);
        }

        /// <summary>A setup that cannot run, for the reason given (an unknown board name, say).</summary>
        public static BoardSetup Unusable(string error)
        {
            return new BoardSetup(null, null, null, error);
        }
    }
}
