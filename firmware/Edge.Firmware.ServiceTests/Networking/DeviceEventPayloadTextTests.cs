// Licensed under the MIT License.

using System;
using System.Text;
using Edge.Core.DeviceEvents;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// A device event's payload (firmware/README.md, <c>edge/&lt;id&gt;/device-event</c>) says when it was reported: ISO 8601
    /// UTC with Z once the clock is set, null while it still counts from its default date; and its number in the boot (seq).
    /// </summary>
    [TestClass]
    public class DeviceEventPayloadTextTests
    {
        [TestMethod]
        public void AnEventOfASetClockCarriesItsUtcTimeToTheMillisecond()
        {
            string json = Text(DeviceEventPayload.Encode("B007", 7, "watchdog", "no tick", new DateTime(2026, 3, 4, 5, 6, 7, 89)));

            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"watchdog\",\"message\":\"no tick\",\"timeUtc\":\"2026-03-04T05:06:07.089Z\",\"seq\":7}", json);
        }

        [TestMethod]
        public void AnEventBeforeTheClockWasSetSaysItsTimeIsUnknown()
        {
            // nanoFramework's clock before SNTP: its default date, which must not pass for a real time.
            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"boot-failed\",\"message\":\"x\",\"timeUtc\":null,\"seq\":1}", Text(DeviceEventPayload.Encode("B007", 1, "boot-failed", "x", new DateTime(1970, 1, 1, 0, 0, 12))));
            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"boot-failed\",\"message\":\"x\",\"timeUtc\":null,\"seq\":1}", Text(DeviceEventPayload.Encode("B007", 1, "boot-failed", "x", new DateTime(2000, 1, 1))));
        }

        [TestMethod]
        public void QuotesBackslashesAndLineBreaksAreEscapedAndAnythingElsePassesAsUtf8()
        {
            // A calibration record's text: a quote, a backslash, CR LF, a tab and a control character escaped as JSON needs
            // them; a degree sign is two UTF-8 bytes, not an escape.
            string json = Text(DeviceEventPayload.Encode("B007", 2, "calibration-record", "id = \"b\"\\x\r\n\t\u0001 25\u00b0C", new DateTime(1970, 1, 1)));

            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"calibration-record\",\"message\":\"id = \\\"b\\\"\\\\x\\u000d\\u000a\\u0009\\u0001 25\u00b0C\",\"timeUtc\":null,\"seq\":2}", json);
        }

        private static string Text(byte[] payload)
        {
            return Encoding.UTF8.GetString(payload, 0, payload.Length);
        }
    }
}
