using Edge.Core.Configuration;
using Edge.Core.Diagnosis;
using Edge.Core.Diagnosis.Detectors;
using Edge.Core.Measurement;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Diagnosis.Detectors;

/// <summary>
/// The coulombic efficiency of [T] Fig. 3A: metal plated, then stripped until the voltage rises at its depletion (the
/// stripping cut-off); stripped over plated charge. Only a stripping that ends there says how much of the plated metal
/// came back. A strip step that ends on its time moves the charge the protocol schedules, whatever the cell does, so
/// a ratio of those charges is no evidence about the cell. One sample a second through the real measurement stage;
/// every percentage is the ratio of the two step lengths at one current, computed by hand.
/// </summary>
public class CoulombicEfficiencyTests
{
    private const int CurrentUa = 192;          // 0.5 mA/cm2 on the default 0.3848 cm2 ([T]'s plating rate)
    private const int PolarisationMv = 60;      // a Na cell's few tens of mV under that current
    private const int MinimumPercent = 85;      // softShort.minimumCoulombicEfficiencyPercent

    private sealed class Rig
    {
        private readonly ControllerConfiguration _configuration = new ControllerConfiguration();
        private readonly PackLayout _layout = new PackLayout(1, 1, 0);
        private readonly MeasurementSnapshot _snapshot;
        private readonly PackMeasurement _measurement;
        private readonly TelemetryBuffer _telemetry = new TelemetryBuffer(64, 1);
        private readonly SoftShortDetector _softShort;
        private readonly SampleFrame _frame;
        private readonly bool[] _closed = new bool[1];
        private readonly int[] _setpoint = new int[1];
        private long _nowMs;

        public Rig()
        {
            _snapshot = new MeasurementSnapshot(_layout);
            _measurement = new PackMeasurement(_layout, _configuration);
            Diagnosis = new DiagnosisManager(_configuration.Diagnosis, _layout, _telemetry);
            _softShort = new SoftShortDetector(_configuration, _layout);
            _frame = new SampleFrame(_layout);
        }

        public DiagnosisManager Diagnosis { get; }

        public List<(DiagnosisId Id, long Value, long Threshold)> Events { get; } = new List<(DiagnosisId, long, long)>();

        public int StripCutoffMv => _configuration.Protocol.StripCutoffMv;

        /// <summary>One sample, 1 s after the previous: <paramref name="currentUa"/> flowed during it (0: switch open).</summary>
        public void Sample(int currentUa, int voltageMv) => Sample(currentUa, voltageMv, currentUa, ChannelStatus.Valid);

        /// <summary>One sample whose current channel read <paramref name="readingUa"/> with <paramref name="status"/>.</summary>
        public void Sample(int currentUa, int voltageMv, int readingUa, ChannelStatus status)
        {
            _closed[0] = currentUa != 0;
            _setpoint[0] = currentUa;
            _nowMs += 1000;
            _frame.TimestampMs = _nowMs;
            _frame.TickIndex++;
            _frame.CellVoltageMv[0] = voltageMv;
            _frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            _frame.ModuleCurrentUa[0] = readingUa;
            _frame.ModuleCurrentStatus[0] = status;
            _telemetry.Clear();
            Diagnosis.BeginTick(_nowMs, _configuration.Mode);
            _measurement.Update(_frame, _closed, _setpoint, _snapshot);
            _softShort.Evaluate(_snapshot, Diagnosis);
            for (int i = 0; i < _telemetry.Count; i++)
            {
                TelemetryRecord record = _telemetry[i];
                if (record.Kind == TelemetryRecordKind.Event && record.HasDiagnosis && record.Diagnosis == DiagnosisId.SoftShortEfficiencyDrop)
                {
                    Events.Add((record.Diagnosis, record.Value, record.Threshold));
                }
            }
        }

        public void Rest(int seconds)
        {
            for (int s = 0; s < seconds; s++)
            {
                Sample(0, 0);
            }
        }

        public void Plate(int seconds)
        {
            for (int s = 0; s < seconds; s++)
            {
                Sample(-CurrentUa, -PolarisationMv);
            }

            Rest(35);
        }

        /// <summary>Strips for <paramref name="seconds"/>; with <paramref name="toCutoff"/> the last sample reads the cut-off.</summary>
        public void Strip(int seconds, bool toCutoff) => Strip(seconds, toCutoff, CurrentUa, ChannelStatus.Valid);

        /// <summary>As <see cref="Strip(int, bool)"/>, the current channel reading <paramref name="lastReadingUa"/> with <paramref name="lastStatus"/> on the last sample.</summary>
        public void Strip(int seconds, bool toCutoff, int lastReadingUa, ChannelStatus lastStatus)
        {
            for (int s = 0; s < seconds; s++)
            {
                bool last = s == seconds - 1;
                Sample(CurrentUa, toCutoff && last ? StripCutoffMv + 5 : PolarisationMv, last ? lastReadingUa : CurrentUa, last ? lastStatus : ChannelStatus.Valid);
            }

            Rest(35);
        }
    }

    [Fact]
    public void StrippingToTheCutoffThatReturnsSeventyPercentOfThePlatingIsAnEfficiencyDrop()
    {
        var rig = new Rig();
        rig.Plate(600);
        rig.Strip(420, toCutoff: true);

        // 420 s / 600 s at one current: 70 %, below the 85 % minimum.
        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0), "70 % returned at the cut-off was not reported");
        (DiagnosisId _, long value, long threshold) = Assert.Single(rig.Events);
        Assert.Equal(70, value);
        Assert.Equal(MinimumPercent, threshold);
    }

    [Theory]
    [InlineData(-3000, ChannelStatus.Saturated)]
    [InlineData(0, ChannelStatus.Missing)]
    [InlineData(-192, ChannelStatus.Implausible)]
    public void AStrippingThatReachesTheCutoffOnAnInvalidCurrentReadingIsJudged(int readingUa, ChannelStatus status)
    {
        // The 70 % stripping above, its cut-off sample's current reading invalid: saturated at the rail below the range
        // (0 counts), missing, or implausible (the multiplexer's check failed). The setpoint still strips at 192 uA, the
        // measurement counts that interval's charge at the setpoint, and the cell reads the cut-off: 420 s / 600 s is
        // 70 % as before. Taken as the direction, the reading said "not stripping", the cut-off went unseen and the
        // efficiency drop was never reported.
        var rig = new Rig();
        rig.Plate(600);
        rig.Strip(420, toCutoff: true, readingUa, status);

        Assert.True(rig.Diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0), "70 % returned at the cut-off was not reported");
        (DiagnosisId _, long value, long threshold) = Assert.Single(rig.Events);
        Assert.Equal(70, value);
        Assert.Equal(MinimumPercent, threshold);
    }

    [Fact]
    public void StrippingToTheCutoffThatReturnsNinetyFivePercentIsNoDrop()
    {
        var rig = new Rig();
        rig.Plate(600);
        rig.Strip(570, toCutoff: true);

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0));
        Assert.Empty(rig.Events);
    }

    [Fact]
    public void AProtocolThatStripsLessThanItPlatesOnTimedStepsIsNoDrop()
    {
        // 100 s plating and 20 s stripping per cycle: 20 % by the protocol's own schedule, and no stripping ever ran
        // the plated metal out, so nothing says how much of it would have come back.
        var rig = new Rig();
        for (int cycle = 0; cycle < 6; cycle++)
        {
            rig.Plate(100);
            rig.Strip(20, toCutoff: false);
        }

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0));
        Assert.Empty(rig.Events);
    }

    [Fact]
    public void CyclesBeforeTheFinalStrippingCountTowardIt()
    {
        // Three cycles of 300 s plating and 200 s stripping, then a stripping that reaches the cut-off after 180 s:
        // (3 x 200 + 180) / (3 x 300) = 780 / 900 = 86 %, above the minimum (the last plate phase alone, 300 s,
        // against the whole stripping would read 260 %, against the last strip step 60 %).
        var rig = new Rig();
        for (int cycle = 0; cycle < 3; cycle++)
        {
            rig.Plate(300);
            rig.Strip(200, toCutoff: false);
        }

        rig.Strip(180, toCutoff: true);

        Assert.False(rig.Diagnosis.IsActive(DiagnosisId.SoftShortEfficiencyDrop, 0));
        Assert.Empty(rig.Events);
    }
}
