// Licensed under the MIT License.

using Edge.Core.Configuration;

namespace Edge.Core.Telemetry.Encoding
{
    /// <summary>
    /// Encodes the retained edge/&lt;id&gt;/status payloads. The offline payload is registered as the
    /// Last Will at connect time, so it carries no time; both carry the boot id so a dashboard can tell
    /// a reboot from a network drop, and the firmware's version ("fw", <see cref="FirmwareVersion.Text"/>) so that an
    /// operator tells which firmware a unit runs.
    /// </summary>
    public static class StatusEncoder
    {
        public static void Encode(JsonByteWriter writer, bool online, string bootId)
        {
            writer.BeginObject();
            writer.Number("v", MessageHeader.ContractVersion);
            writer.String("fw", FirmwareVersion.Text);
            writer.String("status", online ? "online" : "offline");
            writer.String("bootId", bootId);
            writer.EndObject();
        }
    }
}
