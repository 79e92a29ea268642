// Licensed under the MIT License.

using System;

namespace Edge.Core.DeviceEvents
{
    /// <summary>
    /// A UTC time as ISO 8601 text to the millisecond with Z ("2026-03-04T05:06:07.089Z"), or null while the device's
    /// clock is not set: until SNTP has run, nanoFramework's clock counts from its default date in 1970 or 2000, and
    /// such a time would read as real.
    /// </summary>
    public static class UtcTimeText
    {
        /// <summary>
        /// Years before this one are the unset clock's, not a real time: no device runs this firmware before it was
        /// written, and the default dates (1970, 2000) lie far below it.
        /// </summary>
        public const int EarliestSetYear = 2024;

        /// <summary>The text of <paramref name="utc"/>, or null when it is a time of the unset clock.</summary>
        public static string Format(DateTime utc)
        {
            if (utc.Year < EarliestSetYear)
            {
                return null;
            }

            return utc.Year.ToString() + "-" + Pad(utc.Month, 2) + "-" + Pad(utc.Day, 2) + "T" + Pad(utc.Hour, 2) + ":" + Pad(utc.Minute, 2)
                + ":" + Pad(utc.Second, 2) + "." + Pad(utc.Millisecond, 3) + "Z";
        }

        private static string Pad(int value, int digits)
        {
            string text = value.ToString();
            while (text.Length < digits)
            {
                text = "0" + text;
            }

            return text;
        }
    }
}
