namespace Edge.HostSim.Cli;

/// <summary>Entry point of the edge-sim command line.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("edge-sim: not yet implemented");
        return 1;
    }
}
