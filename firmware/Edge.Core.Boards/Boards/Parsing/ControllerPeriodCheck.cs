// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// The controller's tuning bounds the tick a board may set: its relaxation-slope window
    /// (<see cref="RestTuningConfiguration.SlopeWindowMs"/>, 500 ms) keeps at most 256 samples, and its shortest tuned
    /// pulse (<see cref="PulseTuningConfiguration.MinimumPulseMs"/>, 250 ms) and that window each last at least one
    /// sample period. The device boots with those defaults, so a board outside 2-250 ms parsed and was then refused at
    /// every boot, naming a controller field the board's author cannot set. Checked last: a rule of the board's own
    /// hardware (its sampling time, its enable timeout) is the more useful message where both apply.
    /// </summary>
    internal static class ControllerPeriodCheck
    {
        /// <summary>The most samples the controller's slope windows keep (ConfigurationValidator's rule).</summary>
        private const int MaximumWindowSamples = 256;

        public static BoardParseError Check(BoardSections sections)
        {
            int period = sections.Board.SamplePeriodMs;
            int windowMs = new RestTuningConfiguration().SlopeWindowMs;
            int shortestPulseMs = new PulseTuningConfiguration().MinimumPulseMs;

            // The window spans windowMs / period samples (whole samples, as the validator counts them).
            int shortest = (windowMs / (MaximumWindowSamples + 1)) + 1;
            int longest = shortestPulseMs < windowMs ? shortestPulseMs : windowMs;
            string range = "; use " + shortest.ToString() + " to " + longest.ToString() + " ms";
            if (period < shortest)
            {
                return sections.Board.FailAt(
                    BoardSectionBuilder.SamplePeriodKey,
                    BoardParseErrorKind.Inconsistent,
                    period.ToString() + " ms is shorter than the controller can run: its " + windowMs.ToString()
                    + " ms relaxation slope window would span more than the " + MaximumWindowSamples.ToString() + " samples it keeps" + range);
            }

            if (period > longest)
            {
                return sections.Board.FailAt(
                    BoardSectionBuilder.SamplePeriodKey,
                    BoardParseErrorKind.Inconsistent,
                    period.ToString() + " ms is longer than the controller can time: its shortest tuned pulse is " + shortestPulseMs.ToString()
                    + " ms and its relaxation slope window " + windowMs.ToString() + " ms, each at least one sample period" + range);
            }

            return null;
        }
    }
}
