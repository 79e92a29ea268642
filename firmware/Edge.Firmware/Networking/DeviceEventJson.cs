// Licensed under the MIT License.

using System;
using Edge.Firmware.Diagnostics;
using Edge.Firmware.Telemetry;

namespace Edge.Firmware.Networking
{
    /// <summary>
    /// The payload of <c>edge/&lt;id&gt;/device-event</c> (firmware/README.md):
    /// <c>{"v":1,"bootId","code","message","timeUtc","seq"}</c>, <c>timeUtc</c> the ISO 8601 UTC time the event was reported
    /// at, or null while the device's clock was not set (<see cref="UtcTimeText"/>); <c>seq</c> the event's number in its
    /// boot (<see cref="DeviceEvent.Seq"/>): the same bootId and seq twice is one event delivered twice.
    /// </summary>
    public static class DeviceEventJson
    {
        /// <summary>The payload of event <paramref name="seq"/> (<paramref name="code"/>) of boot <paramref name="bootId"/>, reported at <paramref name="timeUtc"/>.</summary>
        public static string Encode(string bootId, int seq, string code, string message, DateTime timeUtc)
        {
            string time = UtcTimeText.Format(timeUtc);
            return "{\"v\":1,\"bootId\":\"" + bootId + "\",\"code\":\"" + JsonText.Escape(code) + "\",\"message\":\"" + JsonText.Escape(message)
                + "\",\"timeUtc\":" + (time == null ? "null" : "\"" + time + "\"") + ",\"seq\":" + seq.ToString() + "}";
        }
    }
}
