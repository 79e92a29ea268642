// Licensed under the MIT License.

namespace Edge.HostSim.Replay;

/// <summary>A lab data file cannot be read: the message names the file, the line and the problem.</summary>
public sealed class LabFileException : Exception
{
    public LabFileException(string message)
        : base(message)
    {
    }
}
