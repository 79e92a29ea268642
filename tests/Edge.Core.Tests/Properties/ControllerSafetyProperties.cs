using Edge.Core.Actuation;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Edge.Core.Tests.Properties;

/// <summary>
/// Safety invariants for any sample stream: random voltages (extremes included), currents, channel
/// statuses, timestamps with jitter, gaps and reversals, and random command interleavings.
/// FsCheck draws the scenario (seed, protocol, mode, fault rates); the stream is replayed from the seed.
/// </summary>
public class ControllerSafetyProperties
{
    private const int ModuleCount = 3;
    private const int CellsPerModule = 2;
    private const int Ticks = 1500;

    public sealed record Scenario(int Seed, int Protocol, ControlMode Mode, bool Adaptive, bool Scheduled, int ChaosPercent, int ShortPercent);

    private static readonly Gen<Scenario> s_scenarios =
        from seed in Gen.Choose(0, int.MaxValue)
        from protocol in Gen.Choose(0, 3)
        from mode in Gen.Elements(ControlMode.Act, ControlMode.Observe)
        from adaptive in Gen.Elements(false, true)
        from scheduled in Gen.Elements(false, true)
        from chaos in Gen.Choose(0, 30)
        from shorts in Gen.Choose(0, 20)
        select new Scenario(seed, protocol, mode, adaptive, scheduled, chaos, shorts);

    private static ControllerConfiguration Configure(Scenario s, Random random)
    {
        var configuration = new ControllerConfiguration { Mode = s.Mode };
        // Step currents up to the module current's derate level, 1829 uA (1925 uA - 5 %): above it a protocol is refused.
        int plateUa = random.Next(1, 1830);
        configuration.Protocol.Steps = s.Protocol switch
        {
            0 => new[] { new ProtocolStep(ProtocolStepKind.Strip, random.Next(1, 1830), random.Next(10, 500)), new ProtocolStep(ProtocolStepKind.Rest, 0, random.Next(10, 500)) },
            1 => new[]
            {
                new ProtocolStep(ProtocolStepKind.Strip, random.Next(1, 1830), random.Next(10, 300)),
                new ProtocolStep(ProtocolStepKind.Rest, 0, random.Next(10, 300)),
                new ProtocolStep(ProtocolStepKind.Plate, plateUa, random.Next(10, 300)),
                new ProtocolStep(ProtocolStepKind.Rest, 0, random.Next(10, 300)),
            },
            2 => new[] { new ProtocolStep(ProtocolStepKind.Plate, plateUa, random.Next(10, 300)), new ProtocolStep(ProtocolStepKind.Strip, random.Next(1, 1830), random.Next(10, 300)) },
            _ => new[] { new ProtocolStep(ProtocolStepKind.Strip, random.Next(1, 1830), 0) },
        };
        configuration.Protocol.DirectionChangeRestMs = random.Next(0, 2000);
        configuration.Protocol.DirectionChangeMaximumRestMs = configuration.Protocol.DirectionChangeRestMs + random.Next(0, 3000);
        if (s.Adaptive)
        {
            configuration.Protocol.RestMode = RestMode.Adaptive;
            // At least one sample (10 ms): a shorter adaptive rest cannot be timed and is refused.
            configuration.Protocol.MinimumRestMs = random.Next(10, 200);
            configuration.Protocol.MaximumRestMs = configuration.Protocol.MinimumRestMs + random.Next(0, 2000);
        }

        if (s.Scheduled)
        {
            configuration.Scheduling.Enabled = true;
            configuration.Scheduling.DemandUa = random.Next(0, 1925 * ModuleCount);
        }

        // Scenarios the validator refuses are not controller runs: fall back to an independent strip/rest protocol.
        if (ConfigurationValidator.Validate(configuration, new PackLayout(ModuleCount, CellsPerModule, 1)) != null)
        {
            configuration.Scheduling.Enabled = false;
        }

        return configuration;
    }

    private static int RandomVoltage(Random random, int chaos, bool closed, int setpointUa)
    {
        int roll = random.Next(100);
        if (roll < chaos / 3)
        {
            int[] extremes = { int.MinValue, int.MaxValue, -10000, 10000, 0, 3301, -3301, 1, -1 };
            return extremes[random.Next(extremes.Length)];
        }

        if (roll < chaos)
        {
            return random.Next(-5000, 5001);
        }

        // Roughly physical: 390 ohm times the current plus noise.
        return (closed ? (int)(setpointUa * 0.39) : 0) + random.Next(-5, 6);
    }

    private static int s_hardShortTicks;
    private static int s_noisyShortTicks;
    private static int s_windowShortTicks;
    private static int s_latchedTicks;

    private static void Run(Scenario s)
    {
        var random = new Random(s.Seed);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var configuration = Configure(s, random);
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var closedBefore = new bool[ModuleCount];
        var setpointBefore = new int[ModuleCount];
        var shorted = new bool[layout.CellCount];
        var nearZeroRun = new int[layout.CellCount];
        long now = 0;
        long index = 0;
        int maximumUa = configuration.Protection.ModuleMaximumCurrentUa;
        int platingUa = configuration.Protocol.PlatingCriticalCurrentUa;
        var statuses = new[] { ChannelStatus.Valid, ChannelStatus.Saturated, ChannelStatus.Implausible, ChannelStatus.Missing };

        for (int tick = 0; tick < Ticks; tick++)
        {
            // Time: jitter, sometimes gaps, repeats or steps back; indices sometimes skip.
            int roll = random.Next(1000);
            now += roll < 10 ? random.Next(20, 300) : roll < 14 ? -random.Next(0, 20) : 10 + random.Next(-3, 4);
            index += roll > 990 ? random.Next(2, 10) : 1;
            frame.TimestampMs = now;
            frame.TickIndex = index;

            for (int m = 0; m < ModuleCount; m++)
            {
                bool chaotic = random.Next(100) < s.ChaosPercent;
                frame.ModuleCurrentUa[m] = chaotic ? random.Next(int.MinValue, int.MaxValue) : (closedBefore[m] ? setpointBefore[m] : random.Next(-5, 6));
                frame.ModuleCurrentStatus[m] = random.Next(100) < s.ChaosPercent / 3 ? statuses[random.Next(4)] : ChannelStatus.Valid;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    if (random.Next(100) < 5)
                    {
                        shorted[c] = random.Next(100) < s.ShortPercent;
                    }

                    frame.CellVoltageMv[c] = shorted[c] ? random.Next(-3, 4) : RandomVoltage(random, s.ChaosPercent, closedBefore[m], setpointBefore[m]);
                    frame.CellVoltageStatus[c] = random.Next(100) < s.ChaosPercent / 3 ? statuses[random.Next(4)] : ChannelStatus.Valid;
                }
            }

            frame.TemperatureDeciCelsius[0] = random.Next(100) < s.ChaosPercent ? random.Next(-1000, 1000) : 250;
            frame.TemperatureStatus[0] = random.Next(100) < s.ChaosPercent / 3 ? statuses[random.Next(4)] : ChannelStatus.Valid;

            int command = random.Next(200);
            int target = random.Next(-1, ModuleCount);
            if (command == 0)
            {
                controller.RequestStart(target);
            }
            else if (command == 1)
            {
                controller.RequestStop(target);
            }
            else if (command < 4)
            {
                controller.RequestFaultReset(target);
            }

            // (c) never throws: an exception fails the property with its scenario.
            controller.Tick(frame, actions);

            for (int m = 0; m < ModuleCount; m++)
            {
                bool closed = actions.SwitchClosed[m];
                int setpoint = actions.CurrentSetpointUa[m];

                // (a) never closed while a fault is latched.
                if (controller.Diagnosis.HasLatchedFault(m) || controller.Module(m).State == ModuleState.Hold)
                {
                    Interlocked.Increment(ref s_latchedTicks);
                    Assert.False(closed, $"module {m} closed with a latched fault at tick {tick}");
                }

                // (b) the safety envelope and the plating critical current.
                Assert.InRange(setpoint, -platingUa, maximumUa);
                if (!closed)
                {
                    Assert.Equal(0, setpoint);
                }

                // (d) a hard short under a known current opens the switch in this very tick, on a cell whose reading
                // noise (the controller's own figure) is not measured yet or leaves the polarisation a healthy cell shows
                // there (current x nominal resistance) hardShort.shuntSigmaTenths of one reading's standard deviations
                // above hardShort.maximumVoltageMv. Chaotic readings (+-5 V, extremes) make that figure large, and then
                // one reading near 0 V is not evidence enough: (e) the pulse window then opens the switch at the latest
                // in the tick its window of PulseWindowSamples readings, all near 0 V under current, ends.
                int currentUa = frame.ModuleCurrentUa[m];
                bool carrying = closedBefore[m] && frame.ModuleCurrentStatus[m] == ChannelStatus.Valid
                    && currentUa != int.MinValue && Math.Abs(currentUa) >= 100 && Math.Abs(currentUa) <= 100000000;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    bool nearZero = carrying && frame.CellVoltageStatus[c] == ChannelStatus.Valid && Math.Abs((long)frame.CellVoltageMv[c]) <= 3;
                    nearZeroRun[c] = nearZero ? nearZeroRun[c] + 1 : 0;
                    if (!nearZero)
                    {
                        continue;
                    }

                    int variance = controller.Measurement.NoiseVarianceCentiMv2[c];
                    long expectedMv = ExpectedPolarisationMv(configuration, currentUa);
                    if (IsBeyondNoise(configuration, expectedMv - configuration.HardShort.MaximumVoltageMv, variance, 1, true))
                    {
                        Interlocked.Increment(ref s_hardShortTicks);
                        Assert.False(closed, $"module {m} closed in the tick cell {c} showed {frame.CellVoltageMv[c]} mV under {currentUa} uA");
                        continue;
                    }

                    Interlocked.Increment(ref s_noisyShortTicks);
                    long windowLimitMv = Math.Min(expectedMv * configuration.HardShort.MaximumVoltageMv / configuration.HardShort.MinimumExpectedPolarisationMv, configuration.HardShort.MaximumVoltageMv);
                    if (nearZeroRun[c] >= PackMeasurement.PulseWindowSamples && controller.Measurement.PulseWindowReady[m]
                        && IsBeyondNoise(configuration, expectedMv - windowLimitMv, variance, PackMeasurement.PulseWindowSamples, false))
                    {
                        Interlocked.Increment(ref s_windowShortTicks);
                        Assert.False(closed, $"module {m} closed in the tick a pulse window ended on cell {c} reading near 0 V for {nearZeroRun[c]} readings under {currentUa} uA (noise {variance} (0.01 mV)^2)");
                    }
                }

                closedBefore[m] = closed;
                setpointBefore[m] = setpoint;
            }
        }
    }

    /// <summary>A healthy cell's polarisation under the current, whole mV: |current| x nominal ohm cm2 / electrode area.</summary>
    private static long ExpectedPolarisationMv(ControllerConfiguration configuration, int currentUa)
    {
        long milliohm = (long)(configuration.HardShort.NominalResistanceOhmCm2 * 1000 / configuration.Protocol.ElectrodeAreaCm2);
        return Math.Abs((long)currentUa) * milliohm / 1000000;
    }

    /// <summary>
    /// The margin stands hardShort.shuntSigmaTenths standard deviations of a mean of that many readings above the limit,
    /// by the cell's measured reading noise ((0.01 mV)^2; 0 is not measured yet).
    /// </summary>
    private static bool IsBeyondNoise(ControllerConfiguration configuration, long marginMv, int varianceCentiMv2, int readings, bool unmeasuredCounts)
    {
        if (varianceCentiMv2 <= 0)
        {
            return unmeasuredCounts;
        }

        double sigmaMv = Math.Sqrt(varianceCentiMv2 / (double)readings) / 100;
        return marginMv >= configuration.HardShort.ShuntSigmaTenths / 10.0 * sigmaMv;
    }

    [Fact]
    public void SafetyInvariantsHoldForAnySampleStream()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(s_scenarios.ToArbitrary(), (Scenario s) => Run(s)));

        // Not vacuous: the streams did produce hard shorts under current and latched modules.
        Assert.True(s_hardShortTicks > 50, $"{s_hardShortTicks} hard-short ticks ({s_noisyShortTicks} on noisy cells, {s_windowShortTicks} of them at a window's end)");
        Assert.True(s_latchedTicks > 1000, $"{s_latchedTicks} latched module-ticks");
    }

    public sealed record NoisyScenario(int Seed, int CurrentUa, int NoiseMv);

    private static readonly Gen<NoisyScenario> s_noisyScenarios =
        from seed in Gen.Choose(0, int.MaxValue)
        from current in Gen.Choose(100, 150)
        from noise in Gen.Choose(2, 20)
        select new NoisyScenario(seed, current, noise);

    private static int s_windowCatches;
    private static int s_readingCatches;

    /// <summary>
    /// Strip pulses at 100-300 uA (39-117 mV on a healthy cell) read through +-2 to +-60 mV of noise: from about +-10 mV
    /// one reading near 0 V no longer tells a short, and the window's mean must. A short (its cell then reads within
    /// 3 mV of 0 V, for good) opens the switch by the end of the first pulse window wholly after it: within
    /// 2 x PulseWindowSamples - 1 readings under current, latched.
    /// </summary>
    private static void RunNoisy(NoisyScenario s)
    {
        var random = new Random(s.Seed);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var configuration = new ControllerConfiguration { Mode = ControlMode.Act };
        configuration.Protocol.Steps = new[]
        {
            new ProtocolStep(ProtocolStepKind.Strip, s.CurrentUa, random.Next(500, 2000)),
            new ProtocolStep(ProtocolStepKind.Rest, 0, random.Next(200, 1000)),
        };
        var controller = new EdgeController(layout, configuration);
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        var closedBefore = new bool[ModuleCount];
        var setpointBefore = new int[ModuleCount];
        var shortAtTick = new int[layout.CellCount];
        var shortRun = new int[layout.CellCount];
        for (int c = 0; c < layout.CellCount; c++)
        {
            shortAtTick[c] = random.Next(2 * Ticks);
        }

        frame.TemperatureDeciCelsius[0] = 250;
        for (int tick = 0; tick < Ticks; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = closedBefore[m] ? setpointBefore[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    frame.CellVoltageMv[c] = tick >= shortAtTick[c]
                        ? random.Next(-3, 4)
                        : (closedBefore[m] ? (int)(setpointBefore[m] * 0.39) : 0) + random.Next(-s.NoiseMv, s.NoiseMv + 1);
                }
            }

            controller.Tick(frame, actions);

            for (int m = 0; m < ModuleCount; m++)
            {
                bool closed = actions.SwitchClosed[m];
                for (int i = 0; i < CellsPerModule; i++)
                {
                    int c = layout.FirstCellOf(m) + i;
                    if (tick < shortAtTick[c] || !closedBefore[m] || setpointBefore[m] == 0)
                    {
                        shortRun[c] = 0;
                        continue;
                    }

                    // Consecutive readings under current since the short, within one pulse.
                    shortRun[c]++;
                    if (!closed && controller.Diagnosis.IsActive(DiagnosisId.HardShort, c))
                    {
                        if (shortRun[c] == 1)
                        {
                            Interlocked.Increment(ref s_readingCatches);
                        }
                        else
                        {
                            Interlocked.Increment(ref s_windowCatches);
                        }
                    }

                    Assert.False(
                        closed && shortRun[c] >= PackMeasurement.PulseWindowSamples && controller.Measurement.PulseWindowReady[m],
                        $"module {m} closed at the end of a pulse window of {PackMeasurement.PulseWindowSamples} readings under {setpointBefore[m]} uA, all after cell {c} shorted (noise +-{s.NoiseMv} mV)");
                    Assert.False(
                        closed && shortRun[c] >= (2 * PackMeasurement.PulseWindowSamples) - 1,
                        $"module {m} closed {shortRun[c]} readings into a pulse under {setpointBefore[m]} uA with cell {c} shorted (noise +-{s.NoiseMv} mV)");
                }

                if (controller.Diagnosis.HasLatchedFault(m))
                {
                    Assert.False(closed, $"module {m} closed with a latched fault at tick {tick}");
                }

                closedBefore[m] = closed;
                setpointBefore[m] = actions.CurrentSetpointUa[m];
            }
        }
    }

    [Fact]
    public void HardShortsOnNoisyCellsOpenTheSwitchWithinAPulseWindow()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(s_noisyScenarios.ToArbitrary(), (NoisyScenario s) => RunNoisy(s)));

        // Not vacuous: some shorts were found by one reading, many only by a window.
        Assert.True(s_readingCatches > 10, $"{s_readingCatches} shorts found by one reading, {s_windowCatches} by a window");
        Assert.True(s_windowCatches > 10, $"{s_readingCatches} shorts found by one reading, {s_windowCatches} by a window");
    }

    [Fact]
    public void CalmStreamsActuallyPulse()
    {
        // Guards the property against passing vacuously: without chaos the modules do close their switches.
        var random = new Random(7);
        var s = new Scenario(7, 0, ControlMode.Act, false, false, 0, 0);
        var layout = new PackLayout(ModuleCount, CellsPerModule, 1);
        var controller = new EdgeController(layout, Configure(s, random));
        var frame = new SampleFrame(layout);
        var actions = new ActionFrame(layout);
        frame.TemperatureDeciCelsius[0] = 250;
        int closedTicks = 0;
        for (int tick = 0; tick < 1000; tick++)
        {
            frame.TimestampMs = tick * 10L;
            frame.TickIndex = tick;
            for (int m = 0; m < ModuleCount; m++)
            {
                frame.ModuleCurrentUa[m] = actions.SwitchClosed[m] ? actions.CurrentSetpointUa[m] : 0;
                for (int i = 0; i < CellsPerModule; i++)
                {
                    frame.CellVoltageMv[layout.FirstCellOf(m) + i] = actions.SwitchClosed[m] ? 100 + (int)(actions.CurrentSetpointUa[m] * 0.39) : 0;
                }
            }

            controller.Tick(frame, actions);
            closedTicks += actions.SwitchClosed.Count(x => x);
        }

        Assert.True(closedTicks > 300, $"only {closedTicks} closed module-ticks");
    }
}
