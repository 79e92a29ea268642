using Edge.Core.Configuration;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Edge.Core.Tests.Support;
using Xunit;

namespace Edge.Core.Tests.Measurement;

/// <summary>
/// The reading-noise estimate a rest gives at the next pulse edge leaves a spike out: the same spikes give the same
/// figure and the same spike verdicts wherever in the rest they fall, and noise that really rose is still followed.
/// </summary>
public class SpikeFreeNoiseTests
{
    // 3 mV of Gaussian noise quantised to 1.6 mV counts: 9 + 1.6^2 / 12 = 9.213 mV^2 = 92,133 (0.01 mV)^2.
    private const double NoiseMv = 3.0;
    private const int TrueFigureCentiMv2 = 92133;

    // The figure is an exponential average (weight 1/16) of estimates from 30 second differences of white noise,
    // each of which scatters by sqrt(2 x (1 + 2 x ((4/6)^2 + (1/6)^2)) / 30) = 36 % (neighbouring differences
    // correlate by -4/6 and 1/6); the average by 36 % x sqrt(1/31) = 6.5 %. 25 % is about four of those.
    private const double FigureTolerance = 0.25;

    // ---- The estimator on hand-made windows ----

    // A 40-slot ring whose 32 samples before slot 5 (slots 13..39, then 0..4: the window wraps) read 100 mV + 1 mV on
    // even and - 1 mV on odd samples: steps of +-2 mV, second differences of +-4 mV, 16 mV^2 each, so the plain estimate
    // is 16 x 10,000 / 6 = 26,666 (0.01 mV)^2 (integer division).
    private static int[] AlternatingWindow(int amplitudeMv, out int head)
    {
        var ring = new int[40];
        head = 5;
        for (int i = 0; i < 32; i++)
        {
            int slot = (head - 32 + i + 40) % 40;
            ring[slot] = 100 + (i % 2 == 0 ? amplitudeMv : -amplitudeMv);
        }

        return ring;
    }

    private static int Slot(int head, int sample) => (head - 32 + sample + 40) % 40;

    [Fact]
    public void AWindowWithoutStepsBeyondTheBoundGivesThePlainEstimate()
    {
        int[] ring = AlternatingWindow(1, out int head);
        Assert.Equal(26666, SpikeFreeNoise.VarianceCentiMv2(ring, head, 32, 26666));
    }

    [Fact]
    public void ASpikeOfTwoSamplesIsLeftOutAndTheRestOfTheWindowCounts()
    {
        // Samples 10 and 11 drop by 30 mV. Against a figure of 26,666 (sigma^2 2.67 mV^2) one step scatters by
        // sqrt(2 x 2.67) = 2.3 mV; 4 of those are 9.2 mV, and the spike's edges step by 30 -+ 2 mV. The four second
        // differences on either side of them go; the other 26 are +-4 mV: 26 x 16 x 10,000 / (6 x 26) = 26,666, the
        // window's noise as if the spike were not there. Left in, the steps -2, -28, -2, 32, -2 around it make them
        // -26, 26, 34 and -34: (2 x 676 + 2 x 1156 + 26 x 16) x 10,000 / (6 x 30) = 226,666, what a cell without a figure
        // (every step beyond a bound of 0, so the window counts whole) gets.
        int[] ring = AlternatingWindow(1, out int head);
        ring[Slot(head, 10)] -= 30;
        ring[Slot(head, 11)] -= 30;

        Assert.Equal(26666, SpikeFreeNoise.VarianceCentiMv2(ring, head, 32, 26666));
        Assert.Equal(226666, SpikeFreeNoise.VarianceCentiMv2(ring, head, 32, 0));
    }

    [Fact]
    public void NoiseThatRoseAllOverTheWindowIsTakenWhole()
    {
        // +-5 mV alternation: every one of the 31 steps is 10 mV, beyond the 9.2 mV bound of a 26,666 figure. That is
        // not a few spikes but louder noise: the window counts whole, second differences of +-20 mV, 400 x 10,000 / 6.
        int[] ring = AlternatingWindow(5, out int head);
        Assert.Equal(666666, SpikeFreeNoise.VarianceCentiMv2(ring, head, 32, 26666));
    }

    [Fact]
    public void ARelaxationsSteadyDriftIsNotASpike()
    {
        // The window falls 12 mV a sample (a steep relaxation) with the same +-1 mV and the same spike on it: steps of
        // -12 +-2 mV, all beyond 9.2 mV from 0, which would count the window whole, spike and all; from the window's
        // mean slope only the spike's two edges are. Second differences +-4 mV as before, the spike's four left out.
        int[] ring = AlternatingWindow(1, out int head);
        for (int i = 0; i < 32; i++)
        {
            ring[Slot(head, i)] += 1000 - (12 * i);
        }

        ring[Slot(head, 10)] -= 30;
        ring[Slot(head, 11)] -= 30;

        Assert.Equal(26666, SpikeFreeNoise.VarianceCentiMv2(ring, head, 32, 26666));
    }

    // ---- The controller: one module of two cells, 1 s pulses and 5 s rests, 3 mV of noise ----

    /// <summary>
    /// From the 10th pulse on, cell 0 drops by <paramref name="spikeMv"/> for <paramref name="spikeSamples"/> samples
    /// once in every rest, <paramref name="spikeAtMs"/> after the pulse ended. The times of the spikes go to
    /// <paramref name="spikeStartsMs"/>.
    /// </summary>
    private static SyntheticPack SpikyRests(ControllerConfiguration configuration, double spikeMv, int spikeSamples, long spikeAtMs, List<long> spikeStartsMs)
    {
        return new SyntheticPack(new PackLayout(1, 2, 0), configuration, c =>
        {
            double v = SyntheticCells.Healthy(c);
            if (c.Cell == 0 && !c.InPulse && c.SincePulseEndMs >= 0 && c.PulseNumber >= 10)
            {
                long t = c.SincePulseEndMs;
                if (t >= spikeAtMs && t < spikeAtMs + (spikeSamples * 10))
                {
                    if (t == spikeAtMs)
                    {
                        spikeStartsMs.Add(c.NowMs);
                    }

                    v -= spikeMv;
                }
            }

            return v;
        }, seed: 11)
        {
            NoiseMv = NoiseMv,
            Quantise = true,
        };
    }

    [Theory]
    [InlineData(2000, 2)]
    [InlineData(4800, 2)]
    [InlineData(4900, 2)]
    [InlineData(4980, 2)]
    [InlineData(2000, 1)]
    [InlineData(4900, 1)]
    public void TheSameSpikesLeaveTheFigureAtTheReadingNoiseWhereverTheyFallInTheRest(long spikeAtMs, int spikeSamples)
    {
        // 31 mV: 1.2 times the spike limit of 3 mV of noise, 6 x sqrt(2 x 9.2) = 25.8 mV. Confirmation is put out of
        // reach, so every spike of the 100 rests is judged against the figure of that time. Before the fix the
        // figure took the spikes that fell into the newest 32 samples of a rest (from 4.69 s on) as noise: it
        // climbed to 317,416 and the limit to 47 mV, and the spikes went unseen.
        var configuration = new ControllerConfiguration();
        configuration.SoftShort.ConfirmingSpikeCount = 100000;
        configuration.SoftShort.ConfirmingIndicators = 4;
        var spikes = new List<long>();
        SyntheticPack pack = SpikyRests(configuration, 31.0, spikeSamples, spikeAtMs, spikes);
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        int largestFigure = 0;
        int counted = 0;
        int previousCount = 0;
        for (int k = 0; k < 60000; k++)
        {
            pack.Step();
            if (snapshot.NoiseRenewed[0] && spikes.Count > 0 && snapshot.NoiseVarianceCentiMv2[0] > largestFigure)
            {
                largestFigure = snapshot.NoiseVarianceCentiMv2[0];
            }

            // Spikes the detector counted (its count starts again after a cycle without one).
            int count = pack.Controller.SoftShortDetector.SpikeCount(0);
            counted += count > previousCount ? count - previousCount : 0;
            previousCount = count;
        }

        // Every figure since the spikes began, not only the last, stays with the reading noise.
        Assert.InRange(largestFigure, 1, (int)(TrueFigureCentiMv2 * (1 + FigureTolerance)));
        Assert.InRange(snapshot.NoiseVarianceCentiMv2[0], (int)(TrueFigureCentiMv2 * (1 - FigureTolerance)), (int)(TrueFigureCentiMv2 * (1 + FigureTolerance)));

        // So the limit stays under the spikes (25.8 mV at the true noise; 28.8 mV at 25 % more variance) ...
        int limitMv = NoiseLimit.Mv(2L * snapshot.NoiseVarianceCentiMv2[0], configuration.SoftShort.SpikeSigmaTenths, configuration.SoftShort.SpikeDropMv);
        Assert.InRange(limitMv, 22, 29);

        // ... and the spikes are seen: a 31 mV drop clears the 25.8 mV limit unless the noise of the step (sqrt(2 x 9.2)
        // = 4.3 mV) takes 5.2 mV off it, so 89 % of them, 80 of 91 spikes, binomial spread 3. At least 70 % at any
        // figure within the tolerance (its limit of 28.8 mV leaves 70 %); before the fix, with the spikes late in the
        // rest, under a third.
        Assert.True(spikes.Count >= 60, $"{spikes.Count} spikes injected");
        Assert.True(counted * 10 >= spikes.Count * 7, $"{counted} of {spikes.Count} spikes counted");
        Assert.Equal(0, pack.Controller.SoftShortDetector.SpikeCount(1));
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(4800)]
    public void WithTheDefaultsTheFifthSpikeConfirmsWhereverTheSpikesFallInTheRest(long spikeAtMs)
    {
        // 35 mV spikes, default configuration: five spikes in consecutive cycles confirm a soft short. The fifth spike's
        // rest is the one that must report it, 2.0 s or 4.8 s into the rest alike; before the fix the spikes at
        // 4.8 s raised the limit past 35 mV and the confirmation came four cycles late (107.8 s against 83.8 s).
        var configuration = new ControllerConfiguration();
        var spikes = new List<long>();
        SyntheticPack pack = SpikyRests(configuration, 35.0, 2, spikeAtMs, spikes);
        pack.RunUntil(200000, p => p.Events(EventKind.SoftShort).Any(r => r.Diagnosis == DiagnosisId.SoftShortConfirmed));

        RecordCopy confirmed = Assert.Single(pack.Events(EventKind.SoftShort), r => r.Diagnosis == DiagnosisId.SoftShortConfirmed);
        Assert.Equal(0, confirmed.Cell);
        int confirming = configuration.SoftShort.ConfirmingSpikeCount;
        Assert.True(spikes.Count >= confirming);

        // The spike is two samples down and recovers on the third: reported by the end of its rest, before the next
        // spike could have counted.
        long fifthMs = spikes[confirming - 1];
        Assert.InRange(confirmed.TimestampMs, fifthMs, fifthMs + 5000 - spikeAtMs);
    }

    [Fact]
    public void AFigureFollowsNoiseThatRoseForGood()
    {
        // A front end that got noisier: 3 mV until 150 s, 9 mV after (both cells). Each rest's window is then about 9
        // times the figure, with some 6 of its 31 steps beyond 4 sigma of the old noise: not a spike but the noise, and
        // taken whole. 150 s later (25 edges) the average has closed all but (15/16)^25 = 20 % of the gap; after
        // 300 s (50 edges) 4 %: the figure is 9^2 + 1.6^2 / 12 = 81.21 mV^2 = 812,133 within the estimator's 25 %.
        var configuration = new ControllerConfiguration();
        configuration.SoftShort.ConfirmingSpikeCount = 100000;
        configuration.SoftShort.ConfirmingIndicators = 4;
        var pack = new SyntheticPack(new PackLayout(1, 2, 0), configuration, c => SyntheticCells.Healthy(c), seed: 11)
        {
            NoiseMv = NoiseMv,
            Quantise = true,
        };
        MeasurementSnapshot snapshot = pack.Controller.Measurement;
        pack.RunUntil(150000);
        Assert.InRange(snapshot.NoiseVarianceCentiMv2[0], (int)(TrueFigureCentiMv2 * (1 - FigureTolerance)), (int)(TrueFigureCentiMv2 * (1 + FigureTolerance)));

        pack.NoiseMv = 9.0;
        int renewals = 0;
        while (pack.NowMs < 450000)
        {
            pack.Step();
            renewals += snapshot.NoiseRenewed[0] ? 1 : 0;
        }

        // The module kept pulsing (nothing isolated it): a renewed figure at every edge.
        Assert.True(renewals >= 49, $"{renewals} renewals");
        for (int c = 0; c < 2; c++)
        {
            Assert.InRange(snapshot.NoiseVarianceCentiMv2[c], (int)(812133 * (1 - FigureTolerance)), (int)(812133 * (1 + FigureTolerance)));
        }
    }
}
