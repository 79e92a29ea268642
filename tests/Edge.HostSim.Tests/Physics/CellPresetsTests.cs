using Edge.HostSim.Physics;
using Xunit;

namespace Edge.HostSim.Tests.Physics;

/// <summary>Preset lookup and parameter overrides by name.</summary>
public class CellPresetsTests
{
    [Theory]
    [InlineData("nak50-nasicon")]
    [InlineData("NaK65-NASICON")]
    [InlineData(" nak80-nasicon ")]
    [InlineData("K-BetaAlumina")]
    [InlineData("na-nasicon")]
    public void LookupIsCaseInsensitiveAndGivesAValidSet(string name)
    {
        CellParameters p = CellPresets.Get(name);

        Assert.Equal(name.Trim().ToLowerInvariant(), p.Name);
        p.Validate();
    }

    [Fact]
    public void UnknownPresetErrorListsTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => CellPresets.Get("nak78"));

        Assert.Contains("nak78", error.Message);
        foreach (string name in CellPresets.Names)
        {
            Assert.Contains(name, error.Message);
        }
    }

    [Fact]
    public void EachCallReturnsAnIndependentCopy()
    {
        CellParameters first = CellPresets.Get(CellPresets.NaK50Nasicon);
        first.TauS = 99;

        Assert.NotEqual(99, CellPresets.Get(CellPresets.NaK50Nasicon).TauS);
    }

    [Fact]
    public void AlloysHaveLimitingCurrentsOrderedByNaContent()
    {
        // [W]: NaK50 stable to about 0.6, NaK65 unstable above about 0.15, NaK80 fails at 0.05 mA/cm2.
        double nak50 = CellPresets.Get(CellPresets.NaK50Nasicon).ILim0MAPerCm2;
        double nak65 = CellPresets.Get(CellPresets.NaK65Nasicon).ILim0MAPerCm2;
        double nak80 = CellPresets.Get(CellPresets.NaK80Nasicon).ILim0MAPerCm2;

        Assert.True(nak50 > nak65 && nak65 > nak80);
        Assert.True(nak80 < 0.05);
    }

    [Theory]
    [InlineData("tauS", 4.2)]
    [InlineData("iLim0MAPerCm2", 0.7)]
    [InlineData("ILIM0MAPERCM2", 0.65)]
    public void OverrideByNameSetsTheParameter(string name, double value)
    {
        CellParameters p = CellPresets.Get(CellPresets.NaK65Nasicon, new[] { $"{name}={value}" });

        Assert.Equal(value, CellParameterCatalog.Get(p, name));
    }

    [Fact]
    public void OverriddenLimitingCurrentReachesTheModel()
    {
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon, new[] { "iLim0MAPerCm2=0.5" });
        var bank = new CellBank(p, 1, 0.01);

        Assert.Equal(0.5, bank.LimitingCurrentMAPerCm2(0), 12);
    }

    [Fact]
    public void UnknownParameterErrorNamesItAndListsValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => CellPresets.Get(CellPresets.NaK50Nasicon, new[] { "tau=3" }));

        Assert.Contains("'tau'", error.Message);
        Assert.Contains("TauS", error.Message);
    }

    [Theory]
    [InlineData("TauS", -1.0)]
    [InlineData("ILim0MAPerCm2", 0.0)]
    [InlineData("SlowDamageFraction", 1.5)]
    public void OutOfRangeValueErrorNamesTheParameter(string name, double value)
    {
        CellParameters p = CellPresets.Get(CellPresets.NaK50Nasicon);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CellParameterCatalog.Set(p, name, value));
        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void MalformedOverrideIsRejected()
    {
        Assert.Throws<ArgumentException>(() => CellPresets.Get(CellPresets.NaK50Nasicon, new[] { "TauS:3" }));
        Assert.Throws<ArgumentException>(() => CellPresets.Get(CellPresets.NaK50Nasicon, new[] { "TauS=fast" }));
    }

    [Fact]
    public void InconsistentSetIsRejectedByTheBank()
    {
        CellParameters p = CellPresets.Get(CellPresets.NaK80Nasicon);
        p.LiquidusNaMassFraction = 0.3;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CellBank(p, 1, 0.01));
        Assert.Equal(nameof(CellParameters.LiquidusNaMassFraction), error.ParamName);
    }
}
