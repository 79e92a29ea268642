// Licensed under the MIT License.

namespace Edge.HostSim.Studies;

/// <summary>A study manifest or a study folder cannot be used: the message names the field or file and says why.</summary>
public sealed class StudyException : Exception
{
    public StudyException(string message)
        : base(message)
    {
    }
}
