// Licensed under the MIT License.

using Edge.Core.Boards;

namespace Edge.Firmware.Boards
{
    /// <summary>
    /// The board files of the repository compiled into the application, and the lookup by board
    /// name that the persisted device settings use at boot.
    /// </summary>
    /// <remarks>
    /// The texts are generated at build time from boards/*.board (ShippedBoards.targets beside this
    /// file), so the board file is the only copy. Adding a board: its item in ShippedBoards.targets,
    /// a line in <see cref="Find"/> and its name in <see cref="Names"/>.
    /// </remarks>
    public static class BoardCatalog
    {
        /// <summary>boards/esp32-devkitc-4s2m.board, byte for byte.</summary>
        public const string DevKitC4s2m = ShippedBoardTexts.Esp32DevkitC4s2m;

        /// <summary>boards/esp32-mux-6s.board, byte for byte.</summary>
        public const string Mux6s = ShippedBoardTexts.Esp32Mux6s;

        /// <summary>The [board] names of every board in the catalog.</summary>
        public static readonly string[] Names = new string[] { "esp32-devkitc-4s2m", "esp32-mux-6s" };

        /// <summary>Board text for <paramref name="name"/> (the [board] name key), or null when unknown.</summary>
        public static string Find(string name)
        {
            if (name == "esp32-devkitc-4s2m")
            {
                return DevKitC4s2m;
            }

            if (name == "esp32-mux-6s")
            {
                return Mux6s;
            }

            return null;
        }

        /// <summary>
        /// The board named <paramref name="name"/> parsed, with its layout and configuration (<see cref="BoardSetup.FromText"/>);
        /// no board line (null), no name (empty) or one the catalog does not have gives an unusable setup that says so and
        /// names the boards it has: no board is guessed, since another board's pins on this hardware are outputs where
        /// inputs should be.
        /// </summary>
        public static BoardSetup Setup(string name)
        {
            if (name == null)
            {
                return BoardSetup.Unusable("no board: the settings have no 'board' line; add " + NameList("'board = ", "'", " or "));
            }

            if (name.Length == 0)
            {
                return BoardSetup.Unusable("no board: the settings name none (board = " + NameList(string.Empty, string.Empty, " or ") + ")");
            }

            string text = Find(name);
            return text == null
                ? BoardSetup.Unusable("unknown board '" + name + "' (the firmware has " + NameList(string.Empty, string.Empty, " and ") + ")")
                : BoardSetup.FromText(text);
        }

        /// <summary>
        /// The catalog's names, each between <paramref name="before"/> and <paramref name="after"/>, separated by commas
        /// and <paramref name="last"/> before the last.
        /// </summary>
        private static string NameList(string before, string after, string last)
        {
            string list = string.Empty;
            for (int i = 0; i < Names.Length; i++)
            {
                list += (i == 0 ? string.Empty : i == Names.Length - 1 ? last : ", ") + before + Names[i] + after;
            }

            return list;
        }
    }
}
