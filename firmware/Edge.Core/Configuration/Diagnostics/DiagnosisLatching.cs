// Licensed under the MIT License.

namespace Edge.Core.Configuration.Diagnostics
{
    /// <summary>What ends an active diagnosis: its own Ok reports, or only an explicit module reset.</summary>
    public enum DiagnosisLatching : byte
    {
        /// <summary>Clears after <see cref="DiagnosisTableRow.HealCount"/> consecutive Ok reports.</summary>
        Heals = 0,

        /// <summary>Stays active until an explicit reset of the module.</summary>
        Latches = 1,
    }
}
