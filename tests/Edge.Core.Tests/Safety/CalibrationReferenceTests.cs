using Edge.Core.Configuration;
using Edge.Core.Records;
using Edge.Core.Sampling;
using Xunit;

namespace Edge.Core.Tests.Safety;

/// <summary>
/// Channels marked <see cref="ChannelStatus.CalibrationReference"/> carry the device's calibration references, not the
/// cells, or at a temperature channel the sensor's place taken by a reference resistor or bath: neither a fault nor a
/// recovery. Nothing latches on the references, far beyond every limit as they are, and a real channel fault or
/// overtemperature on either side of them is counted as if they had not been there.
/// </summary>
public class CalibrationReferenceTests
{
    private sealed class Rig : OneModuleRig
    {
        public Rig()
            : base(1, 0, new ControllerConfiguration { StartImmediately = false })
        {
        }

        public void Step(int cellMv, ChannelStatus cell, int currentUa, ChannelStatus current)
        {
            Frame.CellVoltageMv[0] = cellMv;
            Frame.CellVoltageStatus[0] = cell;
            Frame.ModuleCurrentUa[0] = currentUa;
            Frame.ModuleCurrentStatus[0] = current;
            Run();
        }
    }

    private sealed class SensorRig : OneModuleRig
    {
        public SensorRig()
            : base(1, 1, new ControllerConfiguration { StartImmediately = false })
        {
        }

        public void Step(int temperatureDeciCelsius, ChannelStatus temperature)
        {
            // The cell and the current at rest and valid: only the temperature channel is under test.
            Frame.CellVoltageMv[0] = 100;
            Frame.CellVoltageStatus[0] = ChannelStatus.Valid;
            Frame.ModuleCurrentUa[0] = 0;
            Frame.ModuleCurrentStatus[0] = ChannelStatus.Valid;
            Frame.TemperatureDeciCelsius[0] = temperatureDeciCelsius;
            Frame.TemperatureStatus[0] = temperature;
            Run();
        }
    }

    [Fact]
    public void TemperatureReferencesBeyondTheLimitLatchNothingAndWriteNoEvent()
    {
        // A calibration's temperature points as the mux board's NTC takes them, -20.0 to 85.0 degC, against the default
        // 60.0 degC limit (warning 50.0): 100 ticks of each. Judged, 85.0 degC latched cellOvertemperature at the third
        // reading; counted as an invalid reading, temperatureChannelInvalid at the tenth.
        var rig = new SensorRig();
        Assert.Equal(600, new ControllerConfiguration().Protection.MaximumTemperatureDeciCelsius);
        foreach (int deciCelsius in new[] { -200, 250, 700, 850 })
        {
            for (int i = 0; i < 100; i++)
            {
                rig.Step(deciCelsius, ChannelStatus.CalibrationReference);
            }
        }

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0), "latched " + rig.Controller.Diagnosis.LatchCause(0));
        Assert.Empty(rig.Events);
    }

    [Fact]
    public void TemperatureReferencesNeitherResetNorAddToARealOvertemperatureOrALostSensor()
    {
        // cellOvertemperature latches on its third reading over 60.0 degC (debounce 3): two before the references and
        // one after latch it. Had the references counted as readings under the limit, the count would have started again.
        var hot = new SensorRig();
        hot.Step(250, ChannelStatus.Valid);
        hot.Step(700, ChannelStatus.Valid);
        hot.Step(700, ChannelStatus.Valid);
        for (int i = 0; i < 20; i++)
        {
            hot.Step(250, ChannelStatus.CalibrationReference);
        }

        Assert.False(hot.Controller.Diagnosis.HasLatchedFault(0));
        hot.Step(700, ChannelStatus.Valid);
        Assert.True(hot.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Equal(DiagnosisId.CellOvertemperature, hot.Controller.Diagnosis.LatchCause(0));

        // temperatureChannelInvalid latches on its tenth reading without a value (debounce 10): nine before the
        // references and one after. Counted as invalid, the references latched it among themselves; counted as valid,
        // they would have started the count again.
        var lost = new SensorRig();
        for (int i = 0; i < 9; i++)
        {
            lost.Step(0, ChannelStatus.Missing);
        }

        for (int i = 0; i < 20; i++)
        {
            lost.Step(850, ChannelStatus.CalibrationReference);
        }

        Assert.False(lost.Controller.Diagnosis.HasLatchedFault(0), "latched " + lost.Controller.Diagnosis.LatchCause(0) + " during the references");
        lost.Step(0, ChannelStatus.Missing);
        Assert.True(lost.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Equal(DiagnosisId.TemperatureChannelInvalid, lost.Controller.Diagnosis.LatchCause(0));
    }

    [Fact]
    public void ReferencesBeyondEveryLimitLatchNothingAndWriteNoEvent()
    {
        // 3000 mV against the 2970 mV warning and 2000 uA against the 1925 uA limit, as calibration applies them, and
        // -3000 mV and -2000 uA as its negative points do; 100 ticks of each.
        var rig = new Rig();
        foreach (int sign in new[] { 1, -1 })
        {
            for (int i = 0; i < 100; i++)
            {
                rig.Step(sign * 3000, ChannelStatus.CalibrationReference, sign * 2000, ChannelStatus.CalibrationReference);
            }
        }

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Empty(rig.Events);
        Assert.False(rig.Actions.SwitchClosed[0]);
    }

    [Fact]
    public void ReferencesBetweenTwoSaturatedReadingsAndAThirdDoNotResetTheirCount()
    {
        // The saturated-channel row latches on its third reading (debounce 3). Two before the references and one after
        // latch it: had the references counted as recovered readings, the count would have started again.
        var rig = new Rig();
        rig.Step(100, ChannelStatus.Valid, 0, ChannelStatus.Valid);
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        for (int i = 0; i < 20; i++)
        {
            rig.Step(3000, ChannelStatus.CalibrationReference, 0, ChannelStatus.CalibrationReference);
        }

        Assert.False(rig.Controller.Diagnosis.HasLatchedFault(0));
        rig.Step(4095, ChannelStatus.Saturated, 0, ChannelStatus.Valid);
        Assert.True(rig.Controller.Diagnosis.HasLatchedFault(0));
        Assert.Contains(EventKind.ChannelFault, rig.Events);
    }
}
