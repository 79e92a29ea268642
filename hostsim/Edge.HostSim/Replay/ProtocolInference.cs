// Licensed under the MIT License.

using System.Globalization;

namespace Edge.HostSim.Replay;

/// <summary>
/// Reads the protocol a recording followed from its first module's current: pulses are where the current
/// exceeds 5 % of its largest magnitude; the step texts take the median pulse current and the pulse and rest
/// lengths of the <see cref="PulseTimeline"/> fitted to the samples (when the pulses are periodic; else the
/// median lengths), rounded to the tick: what the core needs to follow the recording in observe mode.
/// </summary>
public static class ProtocolInference
{
    /// <summary>Samples a recorded pulse needs (median over the pulses) for the core to measure its edges.</summary>
    public const int MinimumSamplesPerPulse = 2;

    /// <summary>
    /// Samples a recorded pulse needs (mean over the pulses) before its depletion-trend events can be trusted. With
    /// fewer, a pulse's end is extrapolated from two or three points whose place in the pulse drifts from pulse to
    /// pulse, and the trend test reads that drift as a trend. A healthy simulated cell's 600 s of 1 s / 5 s
    /// pulses, logged at 2.3 to 2.7 samples a pulse, replayed with depletion-trend infos, warnings and faults, and
    /// at 3.1 to 3.4 with none: one run is a thin margin, so the line is drawn at 4.
    /// </summary>
    public const int DependableSamplesPerPulse = 4;

    /// <summary>
    /// The steps, the recording time the replay starts (tick 0: the first pulse's start), whether the first pulse
    /// was passed over (<see cref="BeginsAfterItsJump"/>) and how densely the pulses were sampled.
    /// </summary>
    /// <param name="tickSetting">Where the tick is set, for a refusal that asks for another ("--sample-period-ms", or a scenario's field).</param>
    public static InferredProtocol Infer(LabRecording recording, int periodMs, string tickSetting = "--sample-period-ms")
    {
        double[] current = recording.ModuleCurrentMA[0];
        double largest = current.Max(Math.Abs);
        if (!(largest > 0))
        {
            throw new LabFileException("the recording carries no current: nothing to replay (a rest-only file has no pulses to analyse)");
        }

        double threshold = 0.05 * largest;
        List<double> pulses = new List<double>();
        List<double> rests = new List<double>();
        List<double> onCurrents = new List<double>();
        List<double> samplesPerPulse = new List<double>();
        List<PulseTimeline.RecordedPulse> recorded = new List<PulseTimeline.RecordedPulse>();
        int pulseSamples = 0;
        PulseDirections directions = new PulseDirections();
        double firstPulseS = double.NaN;
        bool on = false;
        double since = recording.TimeS[0];
        double widestRestInterval = 0;
        for (int i = 0; i < recording.Samples; i++)
        {
            bool now = Math.Abs(current[i]) > threshold;
            directions.Add(recording.TimeS[i], now ? current[i] : 0);
            if (i > 0 && !on)
            {
                widestRestInterval = Math.Max(widestRestInterval, recording.TimeS[i] - recording.TimeS[i - 1]);
            }

            if (now)
            {
                onCurrents.Add(current[i]);
            }

            if (now != on)
            {
                double t = recording.TimeS[i];
                if (now && double.IsNaN(firstPulseS))
                {
                    firstPulseS = t;
                }
                else if (now)
                {
                    rests.Add(t - since);
                }
                else
                {
                    pulses.Add(t - since);
                    samplesPerPulse.Add(pulseSamples);
                    recorded[^1] = recorded[^1] with { LastS = recording.TimeS[i - 1], AfterS = t };
                }

                if (now)
                {
                    recorded.Add(new PulseTimeline.RecordedPulse(i > 0 ? recording.TimeS[i - 1] : double.NegativeInfinity, t, double.NaN, double.NaN, widestRestInterval));
                }

                widestRestInterval = 0;

                since = t;
                on = now;
                pulseSamples = 0;
            }

            if (now)
            {
                pulseSamples++;
            }
        }

        // One sample in a pulse leaves it open whether the pulse's voltage is the one before the current came on
        // or after it went off: the core would judge the edge on a guess (a false hard short, a missed one).
        double medianSamples = Median(samplesPerPulse);
        if (samplesPerPulse.Count > 0 && medianSamples < MinimumSamplesPerPulse)
        {
            throw new LabFileException(string.Format(
                CultureInfo.InvariantCulture,
                "its pulses ({0:0.###} s) hold {1} sample each (median): at least {2} per pulse are needed to measure a pulse's edge; record more often during pulses",
                Median(pulses),
                medianSamples,
                MinimumSamplesPerPulse));
        }

        // Steps shorter than a tick cannot be timed; rounded up to one, they were replayed as a protocol the recording never ran.
        StepLengthCheck.Check(recording, pulses.Count > 0 ? Median(pulses) : null, rests.Count > 0 ? Median(rests) : null, periodMs, tickSetting);
        double currentMA = Median(onCurrents);
        int currentUa = (int)Math.Round(Math.Abs(currentMA) * 1000.0);
        string verb = currentMA >= 0 ? "Strip" : "Plate";
        List<string> steps = new List<string>();
        double secondPulseS = double.NaN;
        int? timelinePeriodMs = null;
        PulseTimeline? untimed = null;
        double? restCutOffS = null;
        if (rests.Count == 0 && pulses.Count > 0)
        {
            // One pulse, then a rest the end of the recording cut off: a rest of unknown length, not a continuous
            // current. The core rests past the recording's end (what it saw, rounded up to the tick, and one more);
            // read as continuous, its switch stayed closed over the recorded rest and the duty read 1.
            restCutOffS = recording.TimeS[^1] - since;
            long restMs = ((long)Math.Ceiling(restCutOffS.Value * 1000.0 / periodMs) + 1) * periodMs;
            steps.Add(verb + " at " + currentUa.ToString(CultureInfo.InvariantCulture) + " uA for " + Ms(pulses[0], periodMs) + " ms");
            steps.Add("Rest for " + restMs.ToString(CultureInfo.InvariantCulture) + " ms");
        }
        else if (rests.Count == 0)
        {
            steps.Add(verb + " at " + currentUa.ToString(CultureInfo.InvariantCulture) + " uA");
        }
        else if (PulseTimeline.Fit(recorded, periodMs) is { } timeline)
        {
            steps.Add(verb + " at " + currentUa.ToString(CultureInfo.InvariantCulture) + " uA for " + timeline.PulseMs.ToString(CultureInfo.InvariantCulture) + " ms");
            steps.Add("Rest for " + (timeline.PeriodMs - timeline.PulseMs).ToString(CultureInfo.InvariantCulture) + " ms");
            firstPulseS = timeline.FirstStartS;
            secondPulseS = firstPulseS + (timeline.PeriodMs / 1000.0);
            timelinePeriodMs = timeline.PeriodMs;
        }
        else
        {
            // A tick that divides neither the pulse nor the period fits no timeline, though the recording may follow one:
            // fitted at 1 ms, the timeline tells the tick is what is wrong.
            untimed = periodMs > 1 && PulseTimeline.Fit(recorded, 1) is { } fine && (fine.PulseMs % periodMs != 0 || fine.PeriodMs % periodMs != 0) ? fine : null;
            steps.Add(verb + " at " + currentUa.ToString(CultureInfo.InvariantCulture) + " uA for " + Ms(Median(pulses), periodMs) + " ms");
            steps.Add("Rest for " + Ms(Median(rests), periodMs) + " ms");
            secondPulseS = recorded[1].FirstS;
        }

        bool skipFirst = !double.IsNaN(secondPulseS) && BeginsAfterItsJump(recording, recorded);
        double? meanSamples = samplesPerPulse.Count > 0 ? samplesPerPulse.Average() : null;
        directions.End();
        return new InferredProtocol(steps, skipFirst ? secondPulseS : firstPulseS, skipFirst, meanSamples, timelinePeriodMs)
        {
            PulseCurrentMA = currentMA,
            UntimedTimeline = untimed,
            RestCutOffS = restCutOffS,
            StrippingPulses = directions.Stripping,
            PlatingPulses = directions.Plating,
            FirstPlatingS = directions.FirstPlatingS,
            PulseMedianCurrentsMA = directions.Pulses,
            PlatingCurrentMA = directions.Plating > 0 ? Median(onCurrents.Where(c => c < 0).ToList()) : null,
        };
    }

    /// <summary>
    /// True when the recording begins inside a pulse whose first point has already jumped (a cycler's: it logs
    /// the voltage the current already acts on), so the core, whose first pulse takes its reference from its first
    /// tick, would measure that pulse from the jumped voltage and learn a far too small overpotential. Told by the
    /// first two points: their difference is under half the jump across the later pulses' first points (the
    /// median of the difference between the sample before a pulse and the one after its first).
    /// </summary>
    private static bool BeginsAfterItsJump(LabRecording recording, List<PulseTimeline.RecordedPulse> recorded)
    {
        if (recorded.Count < 3 || !double.IsNegativeInfinity(recorded[0].BeforeS) || recording.Samples < 2)
        {
            return false;
        }

        double[] t = recording.TimeS;
        double[] v = recording.CellVoltageV[0];
        List<double> jumps = new List<double>();
        for (int n = 1; n < recorded.Count; n++)
        {
            int first = Array.BinarySearch(t, recorded[n].FirstS);
            if (first > 0 && first + 1 < t.Length)
            {
                jumps.Add(Math.Abs(v[first + 1] - v[first - 1]));
            }
        }

        return jumps.Count > 0 && Math.Abs(v[1] - v[0]) < 0.5 * Median(jumps);
    }

    private static string Ms(double seconds, int periodMs) =>
        (Math.Max(1, Math.Round(seconds * 1000.0 / periodMs)) * periodMs).ToString("0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
