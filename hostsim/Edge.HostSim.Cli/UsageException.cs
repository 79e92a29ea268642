// Licensed under the MIT License.

namespace Edge.HostSim.Cli;

/// <summary>Bad command line: the message names the argument and says what is wrong; exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
