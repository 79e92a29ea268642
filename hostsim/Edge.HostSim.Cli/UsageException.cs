namespace Edge.HostSim.Cli;

/// <summary>Bad command line: the message says what is wrong; exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
