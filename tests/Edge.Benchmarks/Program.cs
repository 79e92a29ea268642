using BenchmarkDotNet.Running;

namespace Edge.Benchmarks;

/// <summary>Entry point: runs the benchmarks selected on the command line, or with 'paired' compares two builds.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "paired")
        {
            return Paired.PairedThroughput.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
