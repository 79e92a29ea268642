// Licensed under the MIT License.

namespace Edge.Core.Configuration.Protocol
{
    /// <summary>Kind of one protocol step.</summary>
    public enum ProtocolStepKind : byte
    {
        /// <summary>Current out of the anode (discharge), positive module current.</summary>
        Strip = 0,

        /// <summary>Current into the anode (charge), negative module current.</summary>
        Plate = 1,

        /// <summary>Open circuit.</summary>
        Rest = 2,
    }
}
