// Licensed under the MIT License.

using System;
using Edge.Firmware.Networking;
using nanoFramework.TestFramework;

namespace NFUnitTest.Networking
{
    /// <summary>
    /// A device event's payload (firmware/README.md, <c>edge/&lt;id&gt;/device-event</c>) says when it was reported: ISO 8601
    /// UTC with Z once the clock is set, null while it still counts from its default date; and its number in the boot (seq).
    /// </summary>
    [TestClass]
    public class DeviceEventJsonTests
    {
        [TestMethod]
        public void AnEventOfASetClockCarriesItsUtcTimeToTheMillisecond()
        {
            string json = DeviceEventJson.Encode("B007", 7, "watchdog", "no tick", new DateTime(2026, 3, 4, 5, 6, 7, 89));

            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"watchdog\",\"message\":\"no tick\",\"timeUtc\":\"2026-03-04T05:06:07.089Z\",\"seq\":7}", json);
        }

        [TestMethod]
        public void AnEventBeforeTheClockWasSetSaysItsTimeIsUnknown()
        {
            // nanoFramework's clock before SNTP: its default date, which must not pass for a real time.
            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"boot-failed\",\"message\":\"x\",\"timeUtc\":null,\"seq\":1}", DeviceEventJson.Encode("B007", 1, "boot-failed", "x", new DateTime(1970, 1, 1, 0, 0, 12)));
            Assert.AreEqual("{\"v\":1,\"bootId\":\"B007\",\"code\":\"boot-failed\",\"message\":\"x\",\"timeUtc\":null,\"seq\":1}", DeviceEventJson.Encode("B007", 1, "boot-failed", "x", new DateTime(2000, 1, 1)));
        }
    }
}
