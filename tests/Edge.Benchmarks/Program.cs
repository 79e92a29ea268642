using BenchmarkDotNet.Running;

namespace Edge.Benchmarks;

/// <summary>Entry point: runs the benchmarks selected on the command line, with 'paired' compares two builds, with 'marked' runs one between markers for callgrind.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "paired")
        {
            return Paired.PairedThroughput.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "marked")
        {
            return Paired.MarkedRun.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
