using BenchmarkDotNet.Running;

namespace Edge.Benchmarks;

/// <summary>Entry point: runs the benchmarks selected on the command line.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
