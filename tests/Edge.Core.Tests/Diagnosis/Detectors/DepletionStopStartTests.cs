// Licensed under the MIT License.

using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The depletion trend across an operator's stop and start (<see cref="Edge.Core.Diagnosis.Detectors.DepletionOnsetDetector"/>
/// through the whole controller, act mode, the default protocol: 1 s pulses at 385 uA, fixed 5 s rests).
/// </summary>
public class DepletionStopStartTests
{
    /// <summary>Polarisation a cell builds up in its pulse regime, mV at the end of a 1 s pulse once settled.</summary>
    private const double RegimeMv = 20.0;

    /// <summary>Pulses over which the pulse regime builds up (1 - e^(-n / 3)): 28, 49, 63, 74 ... % of it.</summary>
    private const double RegimePulses = 3.0;

    /// <summary>A gap without current longer than this relaxes the interface fully, ms ([W]: 2-5 s).</summary>
    private const long RelaxedAfterMs = 20000;

    /// <summary>
    /// A healthy cell (<see cref="SyntheticCells.Healthy"/>) whose pulses end higher by a polarisation that builds up over
    /// its first pulses after a full relaxation and is gone again after a long rest: the n-th pulse after it ends
    /// RegimeMv x (1 - e^(-n / 3)) higher (within the pulse like sqrt(t), so the edges keep their ohmic step). Far from
    /// depletion: nothing rises beyond that settled level.
    /// </summary>
    private sealed class RestingCell
    {
        private int _lastPulse = -1;
        private long _lastPulseEndMs = long.MinValue;
        private int _regimeStartPulse;

        public double VoltageMv(CellView c)
        {
            double healthy = SyntheticCells.Healthy(c);
            if (!c.InPulse)
            {
                return healthy;
            }

            if (c.PulseNumber != _lastPulse)
            {
                if (_lastPulseEndMs == long.MinValue || c.NowMs - _lastPulseEndMs > RelaxedAfterMs)
                {
                    _regimeStartPulse = c.PulseNumber;
                }

                _lastPulse = c.PulseNumber;
            }

            _lastPulseEndMs = c.NowMs;
            double regime = RegimeMv * (1 - Math.Exp(-(c.PulseNumber - _regimeStartPulse) / RegimePulses));
            return healthy + (regime * Math.Sqrt(c.SincePulseStartMs / 1000.0));
        }
    }

    [Theory]
    [InlineData(300500)]
    [InlineData(303000)]
    public void HealthyCellsGetNoDepletionEventAcrossAStopAndAStart(long stopMs)
    {
        // Stopped half a second into a pulse (300.5 s) or in a rest (303 s), started at 360 s: the rested cells' first
        // pulses end up to 20 mV lower than before the stop and climb back to the settled level within a dozen pulses.
        // Healthy cells with plenty of charge left (150 pulses of 1 s at 1 mA/cm2 are 0.04 mAh/cm2 of [W]'s some
        // 2 mAh/cm2): no depletion event of any kind, and the module runs on to the end.
        var cells = new[] { new RestingCell(), new RestingCell() };
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), new ControllerConfiguration { Mode = ControlMode.Act }, c => cells[c.Cell].VoltageMv(c));
        pack.BeforeTick = p =>
        {
            if (p.NowMs == stopMs)
            {
                p.Controller.RequestStop(0);
            }
            else if (p.NowMs == 360000)
            {
                Assert.True(p.Controller.RequestStart(0));
            }
        };

        pack.RunUntil(900000);

        Assert.Single(pack.Events(EventKind.Stopped));
        Assert.Equal(2, pack.Events(EventKind.Started).Count());
        Assert.Empty(pack.Events(EventKind.DepletionOnset));
        Assert.True(pack.Controller.Module(0).State is ModuleState.Pulse or ModuleState.Rest, $"module in {pack.Controller.Module(0).State}");
        Assert.Equal(100, pack.Controller.Module(0).CurrentPercent);
    }
}
