// Licensed under the MIT License.

using Edge.Core.Sampling;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The text of the stored discovery layout, the layout whose Home Assistant configs the device announced last: a first
    /// line <c>discovery layout</c>, a second <c>&lt;modules&gt; x &lt;cells per module&gt;</c> (<c>2 x 3</c>) and a last
    /// line <c>end 1</c> (the count of layout lines), which tells a complete record from one cut short: without it a
    /// record cut inside its layout line read as a smaller layout (<c>2 x 1</c> of <c>2 x 12</c>). A record that does
    /// not read exactly so, one an earlier firmware wrote without the end line included, is unreadable as a whole
    /// (<see cref="DiscoveryLayoutKeeper"/>: nothing is cleared then, and the present layout replaces it).
    /// </summary>
    public static class DiscoveryLayoutRecord
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\discovery-layout.txt";

        /// <summary>The record's first line.</summary>
        public const string Header = "discovery layout";

        /// <summary>The record's last line: <c>end</c> and the count of layout lines before it.</summary>
        public const string EndLine = "end 1";

        private const string Separator = " x ";

        /// <summary>The record of <paramref name="modules"/> x <paramref name="cellsPerModule"/>.</summary>
        public static string Format(int modules, int cellsPerModule)
        {
            return Header + "\n" + modules.ToString() + Separator + cellsPerModule.ToString() + "\n" + EndLine + "\n";
        }

        /// <summary>
        /// Reads <paramref name="text"/> into <paramref name="modules"/> and <paramref name="cellsPerModule"/>; false, both
        /// 0 and <paramref name="problem"/> naming the line, when it does not read as a whole record (its end line
        /// included) of a layout the core can run (at least one module and cell, at most
        /// <see cref="PackLayout.MaximumCellCount"/> cells in all).
        /// </summary>
        public static bool TryParse(string text, out int modules, out int cellsPerModule, out string problem)
        {
            modules = 0;
            cellsPerModule = 0;
            problem = null;

            // A byte-order mark, as an editor may write it, is no part of the first line.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string[] lines = text.Split('\n');
            int seen = 0;
            int readModules = 0;
            int readCells = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                string where = "line " + (i + 1).ToString();
                if (seen == 0)
                {
                    if (line != Header)
                    {
                        problem = where + " is not '" + Header + "'";
                        return false;
                    }
                }
                else if (seen == 1)
                {
                    int at = line.IndexOf(Separator);
                    if (at < 1 || !int.TryParse(line.Substring(0, at).Trim(), out readModules) || !int.TryParse(line.Substring(at + Separator.Length).Trim(), out readCells))
                    {
                        problem = where + " is not '<modules> x <cells per module>'";
                        return false;
                    }

                    if (readModules < 1 || readCells < 1 || (long)readModules * readCells > PackLayout.MaximumCellCount)
                    {
                        problem = where + ": " + readModules.ToString() + " x " + readCells.ToString() + " is no layout (1 to " + PackLayout.MaximumCellCount.ToString() + " cells in all)";
                        return false;
                    }
                }
                else if (seen == 2)
                {
                    if (line != EndLine)
                    {
                        problem = where + " is not '" + EndLine + "': a second layout line, or the end line cut short";
                        return false;
                    }
                }
                else
                {
                    problem = where + " follows the end line";
                    return false;
                }

                seen++;
            }

            if (seen < 3)
            {
                problem = seen == 0 ? "the record is empty" : (seen == 1 ? "no layout line" : "no '" + EndLine + "' line") + ": the record was cut short";
                return false;
            }

            modules = readModules;
            cellsPerModule = readCells;
            return true;
        }
    }
}
