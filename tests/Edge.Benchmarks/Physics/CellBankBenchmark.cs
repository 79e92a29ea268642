using BenchmarkDotNet.Attributes;
using Edge.HostSim.Physics;

namespace Edge.Benchmarks.Physics;

/// <summary>
/// Throughput of the NaK50 cell model at dt = 10 ms under a 1 s pulse / 5 s rest protocol at 1 mA/cm2.
/// One operation is one cell-step, so cell-steps per second = 1e9 / (reported ns per operation).
/// </summary>
[MemoryDiagnoser]
public class CellBankBenchmark
{
    private const double StepS = 0.01;
    private const int TicksPerPeriod = 600;
    private const int PulseTicks = 100;
    private const int Groups = TicksPerPeriod / PulseTicks;
    private const int BankCells = 1200;

    private CellBank _bank;
    private CellBank _single;
    private double[] _current;
    private double[] _voltage;
    private int _tick;

    /// <summary>Builds the banks; the big bank is split into six groups pulsing one after another.</summary>
    [GlobalSetup]
    public void Setup()
    {
        CellParameters parameters = CellPresets.Get(CellPresets.NaK50Nasicon);
        _bank = new CellBank(parameters, BankCells, StepS);
        _single = new CellBank(parameters, 1, StepS);
        _current = new double[BankCells];
        _voltage = new double[BankCells];
    }

    /// <summary>One pulse period (600 ticks) of StepAll over 1200 cells.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerPeriod * BankCells)]
    public double StepAllPulseProtocol()
    {
        double sum = 0;
        int groupCells = BankCells / Groups;
        for (int t = 0; t < TicksPerPeriod; t++)
        {
            int pulsingGroup = (_tick++ % TicksPerPeriod) / PulseTicks;
            _current.AsSpan().Clear();
            _current.AsSpan(pulsingGroup * groupCells, groupCells).Fill(1.0);
            _bank.StepAll(_current, _voltage);
            sum += _voltage[0];
        }

        return sum;
    }

    /// <summary>One pulse period of single-cell Step calls.</summary>
    [Benchmark(OperationsPerInvoke = TicksPerPeriod)]
    public double SingleCellPulseProtocol()
    {
        double sum = 0;
        for (int t = 0; t < TicksPerPeriod; t++)
        {
            sum += _single.Step(0, t < PulseTicks ? 1.0 : 0.0);
        }

        return sum;
    }
}
