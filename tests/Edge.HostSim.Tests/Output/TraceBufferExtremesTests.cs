// Licensed under the MIT License.

using Edge.HostSim.Simulation;
using Xunit;

namespace Edge.HostSim.Tests.Output;

/// <summary>The trace keeps each row's minimum and maximum over the ticks it stands for, through every compaction.</summary>
public sealed class TraceBufferExtremesTests
{
    [Fact]
    public void ASpikeBetweenRowsSurvivesEveryCompaction()
    {
        // One cell at 0.1 V except a single tick at 0.5 V; 8 rows of capacity, a row due every tick at first.
        TraceBuffer trace = new TraceBuffer(modules: 1, cells: 1, capacity: 8, periodMs: 10, adaptive: true);
        const int Ticks = 1000;
        const int SpikeTick = 613;
        for (int tick = 0; tick < Ticks; tick++)
        {
            long timeMs = tick * 10L;
            double v = tick == SpikeTick ? 0.5 : 0.1;
            trace.ObserveCell(0, (float)v);
            trace.ObserveModule(0, 0f);
            if (trace.IsDue(timeMs) || tick == Ticks - 1)
            {
                int row = trace.Append(timeMs / 1000.0);
                trace.VoltageV[row] = (float)v;
            }
        }

        // 1000 ticks in at most 8 rows: the period doubled many times and the spike's own row is long gone.
        Assert.True(trace.PeriodMs >= 1280);
        float highest = trace.VoltageMaxV.Take(trace.Count).Max();
        Assert.Equal(0.5f, highest);
        Assert.Equal(0.1f, trace.VoltageMinV.Take(trace.Count).Min());

        // The row holding the spike covers 6.13 s: the first row at or after it, and only that one.
        int spikeRow = Array.FindIndex(trace.VoltageMaxV, 0, trace.Count, v => v == 0.5f);
        Assert.True(trace.TimeS[spikeRow] >= 6.13);
        Assert.True(spikeRow == 0 || trace.TimeS[spikeRow - 1] < 6.13);
        Assert.Equal(1, trace.VoltageMaxV.Take(trace.Count).Count(v => v == 0.5f));
    }
}
