// Licensed under the MIT License.

using System.Globalization;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Measurement;
using Edge.HostSim.Scenarios;
using Edge.HostSim.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace Edge.HostSim.Tests.Simulation;

/// <summary>
/// Rests shortened for good: one module of two NaK50 cells with the scorecard's spread (2 % of the limiting current,
/// 5 % of tau), 2 mV of reading noise, 1 s pulses at 1 mA/cm2 with fixed rests, in observe mode; at 600 s an operator
/// sends the same pulses with shorter rests (setProtocol with start). A pulse after the shorter rest starts from more
/// polarisation and ends higher by design (3 s to 1 s: 7-11 % higher, 5 s to 2 s: 3-4 %), a new level, not a trend
/// (firmware/Edge.Core/README.md, "Depletion onset": the rest is part of the operating point).
/// </summary>
public sealed class ClosedLoopDepletionRestChangeTests
{
    private const int CellsPerModule = 2;
    private const double ChangeS = 600;
    private const double HorizonS = 1800;

    private readonly ITestOutputHelper _output;

    public ClosedLoopDepletionRestChangeTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// No depletion trend event may come on a cell whose pulses at the new rest have not risen to 20 % above their level
    /// there (the 11th to 20th pulse after the change; the first ones climb into the new regime), nor before the change on
    /// one that has not risen 20 % above its settled start (the 6th to 15th pulse): the trend's baseline follows slow drift
    /// up to 25 % above the level it learned (depletion.baselineDriftLimitPercent), by contract. And a cell whose pulses
    /// at the new rest rise past 30 % of their level there by the horizon is warned about: the trend still sees depletion
    /// at the new rest. Before, all 12 cases failed: from 3 s to 1 s every cell took info, warning and fault 20, 22 and
    /// 26-30 s after the change, from 5 s to 2 s (seeds 1-8) 15 of 16 cells at 27-33, 36-57 and 57-105 s, their pulses at
    /// 97-100 % of their level at the new rest. Now the protocol's rest is part of the operating point, and the first
    /// warnings after the change come at 1,064-1,434 s (3 s to 1 s: seeds 1, 2, 6, 8; none from 5 s to 2 s within the
    /// 1,800 s), each at 126-127 % of the cell's level at the new rest; the same cells at 1 s rests from the start warn
    /// at 499-1,180 s.
    /// </summary>
    [Theory]
    [InlineData(3.0, 1.0, 1)]
    [InlineData(3.0, 1.0, 2)]
    [InlineData(3.0, 1.0, 3)]
    [InlineData(3.0, 1.0, 4)]
    [InlineData(3.0, 1.0, 5)]
    [InlineData(3.0, 1.0, 6)]
    [InlineData(3.0, 1.0, 7)]
    [InlineData(3.0, 1.0, 8)]
    [InlineData(5.0, 2.0, 1)]
    [InlineData(5.0, 2.0, 2)]
    [InlineData(5.0, 2.0, 3)]
    [InlineData(5.0, 2.0, 4)]
    public void AShorterRestForGoodIsNoTrendAndARiseThereStillIs(double restS, double shorterRestS, int seed)
    {
        string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
        Scenario scenario = ScenarioLoader.Parse($$"""
            { "name": "rest-change", "seed": {{seed}}, "samplePeriodMs": 10, "timeLimitS": {{Text(HorizonS)}},
              "pack": { "modules": 1, "cellsPerModule": {{CellsPerModule}}, "preset": "nak50-nasicon", "areaCm2": 0.3848, "spread": { "iLimPct": 2, "tauPct": 5 } },
              "protocol": { "steps": [ "Strip at 1 mA/cm2 for 1 s", "Rest for {{Text(restS)}} s" ], "rest": "fixed", "cutoffV": 3.0 },
              "measurement": { "voltageNoiseMv": 2 },
              "controller": { "mode": "observe" } }
            """);
        var pulses = new List<(double TimeS, int Mv)>[] { new(), new() };
        var gaps = new List<(double TimeS, long GapMs)>();
        long lastEndMs = -1;
        bool sent = false;
        var options = new RunOptions
        {
            RecordTrace = false,
            Observer = o =>
            {
                MeasurementSnapshot s = o.Controller.Measurement;
                if (s.PhaseStarted[0] && s.Phase[0] == ModulePhase.Current && lastEndMs >= 0)
                {
                    gaps.Add((s.TimestampMs / 1000.0, s.TimestampMs - lastEndMs));
                }

                if (s.PulseEnded[0] && s.LastPulseClosingCurrentUa[0] > 0)
                {
                    lastEndMs = s.TimestampMs;
                    for (int c = 0; c < CellsPerModule; c++)
                    {
                        pulses[c].Add((s.TimestampMs / 1000.0, s.PulseOverpotentialMv[c]));
                    }
                }

                if (!sent && o.TimeS >= ChangeS)
                {
                    sent = true;
                    ProtocolConfiguration protocol = o.Controller.Configuration.Protocol.Clone();
                    Assert.True(ProtocolStepParser.TryParse("Strip at 1 mA/cm2 for 1 s", protocol.ElectrodeAreaCm2, out ProtocolStep pulse, out string error), error);
                    Assert.True(ProtocolStepParser.TryParse($"Rest for {Text(shorterRestS)} s", protocol.ElectrodeAreaCm2, out ProtocolStep rest, out error), error);
                    protocol.Steps = new[] { pulse, rest };
                    Assert.True(o.Controller.RequestProtocol(protocol, true));
                }
            },
        };

        SimulationResult result = new ClosedLoopRunner(scenario, options).Run();
        RunEventLog.Write(_output, result);

        // The change the test is about: the rests before and after it as asked (within a sample or two).
        Assert.All(gaps.Where(g => g.TimeS < ChangeS), g => Assert.InRange(g.GapMs, (restS * 1000) - 20, (restS * 1000) + 20));
        Assert.All(gaps.Where(g => g.TimeS > ChangeS + restS + 2), g => Assert.InRange(g.GapMs, (shorterRestS * 1000) - 20, (shorterRestS * 1000) + 20));

        double Level(int cell, double fromS, int skip) => pulses[cell].Where(p => p.TimeS > fromS).Skip(skip).Take(10).Average(p => p.Mv);
        double Recent(int cell, double timeS) => pulses[cell].Where(p => p.TimeS <= timeS + 1e-6).TakeLast(10).Average(p => p.Mv);

        var trend = result.Events.Where(e => e.Diagnosis is "depletionTrendInfo" or "depletionTrendWarning" or "depletionTrendFault").ToList();
        foreach (SimulationEvent e in trend)
        {
            double level = e.TS < ChangeS ? Level(e.Cell, 0, 5) : Level(e.Cell, ChangeS, 10);
            double recent = Recent(e.Cell, e.TS);
            Assert.True(recent >= level * 1.2, $"{e.Diagnosis} at {e.TS} s on c{e.Cell}, its pulses {recent / level:P1} of their level at that rest");
        }

        for (int c = 0; c < CellsPerModule; c++)
        {
            double level = Level(c, ChangeS, 10);
            double atHorizon = Recent(c, HorizonS);
            _output.WriteLine($"c{c}: {level:F1} mV at the shorter rest, {atHorizon:F1} mV at the horizon ({atHorizon / level:P1})");
            if (atHorizon >= level * 1.3)
            {
                Assert.Contains(trend, e => e.Cell == c && e.Diagnosis == "depletionTrendWarning" && e.TS > ChangeS);
            }
        }
    }
}
