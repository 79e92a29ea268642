// Licensed under the MIT License.

using System.Runtime.InteropServices;

namespace Edge.HostSim.Mqtt.Native
{
    /// <summary>
    /// Layout of <c>struct mosquitto_message</c> (mosquitto.h 2.0):
    /// int mid; char *topic; void *payload; int payloadlen; int qos; bool retain.
    /// Sequential layout reproduces the C padding (pointer alignment after <c>mid</c>).
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MosquittoMessage
    {
        public int Mid;
        public IntPtr Topic;
        public IntPtr Payload;
        public int PayloadLength;
        public int Qos;
        public byte Retain;
    }
}
