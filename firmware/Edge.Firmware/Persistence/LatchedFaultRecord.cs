// Licensed under the MIT License.

using System;
using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Records;

namespace Edge.Firmware.Persistence
{
    /// <summary>
    /// The text of the stored latched faults: a first line <c>latched faults</c>, one line per latched module with its
    /// index and the diagnosis that latched it by its contract name (<c>2 hardShort</c>), or <c>unknown</c> when that
    /// was not known, and a last line <c>end</c> with the count of module lines (<c>end 1</c>); nothing latched is
    /// <c>latched faults</c> and <c>end 0</c>. The end line tells a complete record from one cut short at a line's
    /// end. A record that does not read exactly so is unreadable as a whole, and the boot then holds every module
    /// (<see cref="LatchedFaultKeeper"/>): a record half understood could release a module that was latched.
    /// </summary>
    public static class LatchedFaultRecord
    {
        /// <summary>The record on the ESP32's internal flash drive.</summary>
        public const string DefaultPath = "I:\\latched-faults.txt";

        /// <summary>The name a latch of unknown cause is stored under.</summary>
        public const string UnknownCause = "unknown";

        /// <summary>The record's first line.</summary>
        public const string Header = "latched faults";

        private const string EndWord = "end ";

        /// <summary>
        /// The record of what <paramref name="diagnosis"/> holds latched now, for <paramref name="modules"/> modules; a module
        /// latched for <c>tickMissed</c> is left out (not kept across a reset; a record written before still restores it).
        /// </summary>
        public static string Format(DiagnosisManager diagnosis, int modules)
        {
            string text = Header + "\n";
            int lines = 0;
            for (int m = 0; m < modules; m++)
            {
                // A missed tick is the controller's timing, not the cells': a reset starts that afresh, as it clears the
                // watchdog's latch. Held in RAM (switches open, latched, its event) until a fault reset or a reset.
                if (diagnosis.HasLatchedFault(m) && !(diagnosis.IsLatchCauseKnown(m) && diagnosis.LatchCause(m) == DiagnosisId.TickMissed))
                {
                    text += m.ToString() + " " + (diagnosis.IsLatchCauseKnown(m) ? ContractNames.Of(diagnosis.LatchCause(m)) : UnknownCause) + "\n";
                    lines++;
                }
            }

            return text + EndWord + lines.ToString() + "\n";
        }

        /// <summary>
        /// Reads <paramref name="text"/> for a pack of <paramref name="modules"/> modules: per module, -2 when it is not
        /// latched, -1 when it is latched for an unknown cause, else the DiagnosisId that latched it. Null, with
        /// <paramref name="problem"/> naming the line, when the text does not read as a record.
        /// </summary>
        public static int[] Parse(string text, int modules, out string problem)
        {
            problem = null;
            int[] causes = new int[modules];
            for (int m = 0; m < modules; m++)
            {
                causes[m] = -2;
            }

            // A byte-order mark, as an editor may write it, is no part of the first line.
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string[] lines = text.Split('\n');
            bool headerSeen = false;
            bool endSeen = false;
            int moduleLines = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                string where = "line " + (i + 1).ToString();
                if (endSeen)
                {
                    problem = where + " follows the end line";
                    return null;
                }

                if (!headerSeen)
                {
                    if (line != Header)
                    {
                        problem = where + " is not '" + Header + "'";
                        return null;
                    }

                    headerSeen = true;
                    continue;
                }

                if (line.Length > EndWord.Length && line.Substring(0, EndWord.Length) == EndWord)
                {
                    int count;
                    if (!int.TryParse(line.Substring(EndWord.Length), out count) || count != moduleLines)
                    {
                        problem = where + ": '" + line + "' but " + moduleLines.ToString() + " module line(s)";
                        return null;
                    }

                    endSeen = true;
                    continue;
                }

                int space = line.IndexOf(' ');
                int module;
                if (space < 1 || !int.TryParse(line.Substring(0, space), out module))
                {
                    problem = where + " is not '<module> <diagnosis>'";
                    return null;
                }

                if (module < 0 || module >= modules)
                {
                    problem = where + ": module " + module.ToString() + " is not on this board (" + modules.ToString() + " modules)";
                    return null;
                }

                string name = line.Substring(space + 1).Trim();
                int cause = name == UnknownCause ? -1 : ContractNames.ParseDiagnosis(name);
                if (cause == -1 && name != UnknownCause)
                {
                    problem = where + ": no diagnosis is named '" + name + "'";
                    return null;
                }

                causes[module] = cause;
                moduleLines++;
            }

            if (!endSeen)
            {
                problem = headerSeen ? "no 'end' line: the record was cut short" : "the record is empty";
                return null;
            }

            return causes;
        }
    }
}
