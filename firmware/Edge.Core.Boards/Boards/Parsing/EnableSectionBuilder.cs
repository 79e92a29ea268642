// Licensed under the MIT License.

namespace Edge.Core.Boards.Parsing
{
    /// <summary>
    /// Keys of the optional <c>[enable]</c> section: the GPIO that feeds the hardware enable
    /// (retriggerable monostable or external watchdog) and the time after the last feed edge at which
    /// it drops the gate drive.
    /// </summary>
    internal sealed class EnableSectionBuilder : SectionBuilder
    {
        public const string FeedPinKey = "feed_pin";
        public const string TimeoutKey = "timeout_ms";

        /// <summary>Longest timeout, ms: a monostable longer than 10 s no longer protects anything the switches drive.</summary>
        public const int MaxTimeoutMs = 10000;

        private static readonly string[] s_allowed = new string[] { FeedPinKey, TimeoutKey };
        private static readonly string[] s_required = new string[] { FeedPinKey, TimeoutKey };

        public EnableSectionBuilder(string header, int headerLine)
            : base(header, headerLine, 0, s_allowed, s_required)
        {
        }

        public int FeedPin { get; private set; }

        public int TimeoutMs { get; private set; }

        /// <summary>The timeout as written, for the refusal of one out of range.</summary>
        public string TimeoutText { get; private set; }

        protected override BoardParseError Apply(BoardLine line)
        {
            int value;
            BoardParseError error;
            if (line.Key == FeedPinKey)
            {
                error = BoardValueReader.ReadOutputPin(line, out value);
                FeedPin = value;
                return error;
            }

            // Its least value follows sample_period_ms: HardwareChecks gives the range once the board is read.
            error = BoardValueReader.ReadWholeNumber(line, out value);
            TimeoutMs = value;
            TimeoutText = line.Value;
            return error;
        }
    }
}
