// Licensed under the MIT License.

namespace Edge.Core.Configuration
{
    /// <summary>
    /// The validator's checks in order, keeping the first problem: once one check has failed the later
    /// ones record nothing, so the error names the first offending field as a chain of early returns would.
    /// </summary>
    internal sealed class ConfigurationCheck
    {
        /// <summary>The first problem found, or null.</summary>
        public ConfigurationError Error { get; private set; }

        public bool Failed => Error != null;

        /// <summary>Records "<paramref name="value"/> is out of range [min, max]" unless it lies within.</summary>
        public void Range(string field, int value, int minimum, int maximum)
        {
            if (Error == null && (value < minimum || value > maximum))
            {
                Error = new ConfigurationError(field, value.ToString() + " is out of range [" + minimum.ToString() + ", " + maximum.ToString() + "]");
            }
        }

        /// <summary>
        /// <see cref="Range(string, int, int, int)"/> for a bound that may be the board's: a value past a bound the board set
        /// (its key given, else null) is told so, "2600 is out of range [1, 2500]: 2500 mV is the board's [safety]
        /// cell_voltage_max_mv", as the range alone reads as a constant of the contract.
        /// </summary>
        public void BoardRange(string field, int value, int minimum, int maximum, string minimumBoardKey, string maximumBoardKey, string unit)
        {
            bool failedBefore = Failed;
            Range(field, value, minimum, maximum);
            string key = value < minimum ? minimumBoardKey : (value > maximum ? maximumBoardKey : null);
            if (key != null && !failedBefore && Failed)
            {
                int bound = value < minimum ? minimum : maximum;
                Error = new ConfigurationError(field, Error.Message + ": " + bound.ToString() + unit + " is the board's " + key);
            }
        }

        /// <summary>
        /// Records "V is below NAME (M)" when <paramref name="value"/> is below another field's <paramref name="minimum"/>,
        /// and the range error above <paramref name="maximum"/>: a bound that is another field's value is named, since the
        /// change that broke the pair may have been to that field (a command setting only minimumRestMs above the
        /// maximum). A value below <paramref name="minimumLowest"/>, the least the other field may be, gets the range
        /// error instead: no value of the other field makes it valid, so suggesting one would point the sender nowhere.
        /// </summary>
        public void AtLeastField(string field, int value, string minimumName, int minimum, int minimumLowest, int maximum)
        {
            if (Error == null && value < minimum && value >= minimumLowest)
            {
                string name = field.Substring(field.LastIndexOf('.') + 1);
                Error = new ConfigurationError(field, value.ToString() + " is below " + minimumName + " (" + minimum.ToString() + "): give " + minimumName + " at most " + value.ToString() + " or " + name + " at least " + minimum.ToString());
            }

            Range(field, value, minimum, maximum);
        }

        /// <summary>Records "<paramref name="value"/> is out of range [min, max]" unless it lies within (64-bit settings).</summary>
        public void Range(string field, long value, long minimum, long maximum)
        {
            if (Error == null && (value < minimum || value > maximum))
            {
                Error = new ConfigurationError(field, value.ToString() + " is out of range [" + minimum.ToString() + ", " + maximum.ToString() + "]");
            }
        }

        /// <summary>Records <paramref name="message"/> for <paramref name="field"/> unless <paramref name="holds"/>.</summary>
        public void Require(bool holds, string field, string message)
        {
            if (Error == null && !holds)
            {
                Error = new ConfigurationError(field, message);
            }
        }

        /// <summary>Records <paramref name="error"/> unless a problem came first.</summary>
        public void Fail(ConfigurationError error)
        {
            if (Error == null)
            {
                Error = error;
            }
        }
    }
}
