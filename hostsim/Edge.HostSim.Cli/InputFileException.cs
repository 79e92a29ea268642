// Licensed under the MIT License.

namespace Edge.HostSim.Cli;

/// <summary>A file the user gave (study manifest, lab data) cannot be used: the message says which and why; exit code 2.</summary>
public class InputFileException : Exception
{
    public InputFileException(string message)
        : base(message)
    {
    }
}
