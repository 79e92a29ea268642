using System.Reflection;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Diagnostics;
using Edge.Core.Configuration.Protocol;
using Xunit;

namespace Edge.Core.Tests.Configuration.Protocol;

/// <summary>
/// A protocol change copies every setting once, in one place: a setting added later and left out of the
/// copy fails here, because every settable property is checked, not a list of them.
/// </summary>
public class ProtocolCopyTests
{
    [Fact]
    public void CopySettingsFromTakesEverySettingButTheElectrodeArea()
    {
        ProtocolConfiguration source = WithEveryPropertyChanged();
        ProtocolConfiguration target = new ProtocolConfiguration { ElectrodeAreaCm2 = 0.5 };

        target.CopySettingsFrom(source);

        foreach (PropertyInfo property in SettableProperties(typeof(ProtocolConfiguration)))
        {
            object expected = property.Name == nameof(ProtocolConfiguration.ElectrodeAreaCm2) ? 0.5 : property.GetValue(source);
            Assert.True(Equals(expected, property.GetValue(target)), property.Name + " was not copied as expected");
        }
    }

    [Fact]
    public void CloneTakesEverySettingIncludingTheElectrodeArea()
    {
        ProtocolConfiguration source = WithEveryPropertyChanged();

        ProtocolConfiguration clone = source.Clone();

        Assert.NotSame(source, clone);
        foreach (PropertyInfo property in SettableProperties(typeof(ProtocolConfiguration)))
        {
            Assert.True(Equals(property.GetValue(source), property.GetValue(clone)), property.Name + " was not cloned");
        }
    }

    [Fact]
    public void WithProtocolKeepsEveryOtherSectionOfTheConfiguration()
    {
        ControllerConfiguration current = new ControllerConfiguration
        {
            SamplePeriodMs = 20,
            Mode = ControlMode.Observe,
            StartImmediately = false,
            Diagnosis = DiagnosisTable.CreateDefault(),
        };
        ProtocolConfiguration protocol = new ProtocolConfiguration();

        ControllerConfiguration candidate = current.WithProtocol(protocol);

        Assert.Same(protocol, candidate.Protocol);
        foreach (PropertyInfo property in SettableProperties(typeof(ControllerConfiguration)))
        {
            if (property.Name != nameof(ControllerConfiguration.Protocol))
            {
                // Sections are shared, so the candidate is validated with the live pulse tuning, scheduling, table...
                Assert.True(Equals(property.GetValue(current), property.GetValue(candidate)), property.Name + " is not the current one");
            }
        }
    }

    private static IEnumerable<PropertyInfo> SettableProperties(Type type)
    {
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite);
    }

    /// <summary>Every setting moved off its default, each to a value no other setting has.</summary>
    private static ProtocolConfiguration WithEveryPropertyChanged()
    {
        ProtocolConfiguration defaults = new ProtocolConfiguration();
        ProtocolConfiguration changed = new ProtocolConfiguration
        {
            ElectrodeAreaCm2 = 0.25,
            Steps = new[] { new ProtocolStep(ProtocolStepKind.Plate, 100, 2000) },
            Repeat = false,
            RestMode = RestMode.Adaptive,
            MinimumRestMs = 701,
            MaximumRestMs = 9001,
            StripCutoffMv = 2901,
            PlateCutoffMv = -2901,
            CapacityLimitUc = 123456,
            TimeLimitMs = 7654321,
            PlatingCriticalCurrentUa = 150,
            DirectionChangeRestMs = 30001,
            DirectionChangeMaximumRestMs = 500001,
        };

        foreach (PropertyInfo property in SettableProperties(typeof(ProtocolConfiguration)))
        {
            Assert.False(Equals(property.GetValue(defaults), property.GetValue(changed)), property.Name + " is not set off its default by this test");
        }

        return changed;
    }
}
