// Licensed under the MIT License.

namespace Edge.Core.Records
{
    /// <summary>Grade of a diagnosis, in rising order (foxBMS: info / warning / fatal).</summary>
    public enum Severity : byte
    {
        Info = 0,
        Warning = 1,
        Fault = 2,
    }
}
