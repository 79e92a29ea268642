using Edge.Core.Configuration;
using Edge.Core.Configuration.Protocol;
using Edge.Core.Decision;
using Xunit;

namespace Edge.Core.Tests.Decision;

/// <summary>
/// <see cref="PulseTuner"/> on its own: each shortening takes 25 % off the pulse percentage in integer percent
/// (100, 75, 56, 42, 31, 23), and stops once a pulse would be at or below the 250 ms minimum.
/// </summary>
public class PulseTunerTests
{
    private static readonly ProtocolStep Strip1s = new ProtocolStep(ProtocolStepKind.Strip, 385, 1000);

    private static PulseTuner Make(bool enabled, params ProtocolStep[] steps)
    {
        var protocol = new ProtocolConfiguration();
        if (steps.Length > 0)
        {
            protocol.Steps = steps;
        }

        return new PulseTuner(new PulseTuningConfiguration { Enabled = enabled }, protocol);
    }

    [Fact]
    public void ShorteningWalksDownToTheMinimumPulseAndStops()
    {
        var tuner = Make(true, Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000));
        Assert.Equal(100, tuner.PulsePercent);
        Assert.Equal(1000, tuner.PulseLengthMs(Strip1s));

        // 1000 ms pulses: 750, 560, 420, 310, then 250 ms: 23 % would be 230 ms, below the minimum, so the
        // percentage stops at 25 (the rests scale by it and keep the duty cycle).
        int[] percents = { 75, 56, 42, 31, 25 };
        long[] lengths = { 750, 560, 420, 310, 250 };
        for (int i = 0; i < percents.Length; i++)
        {
            Assert.True(tuner.Shorten());
            Assert.Equal(percents[i], tuner.PulsePercent);
            Assert.Equal(lengths[i], tuner.PulseLengthMs(Strip1s));
        }

        // At the minimum: refused, nothing changes.
        Assert.False(tuner.Shorten());
        Assert.Equal(25, tuner.PulsePercent);
    }

    [Fact]
    public void OffByDefaultAndThenNeverShortens()
    {
        var tuner = Make(false, Strip1s);
        Assert.False(tuner.Shorten());
        Assert.Equal(100, tuner.PulsePercent);
    }

    [Fact]
    public void OpenEndedOrAlreadyShortPulsesAreNotShortened()
    {
        Assert.False(Make(true, new ProtocolStep(ProtocolStepKind.Strip, 385, 0)).Shorten());

        // A 200 ms step is below the 250 ms minimum already: it keeps its own length.
        var shortStep = new ProtocolStep(ProtocolStepKind.Strip, 385, 200);
        var tuner = Make(true, shortStep);
        Assert.False(tuner.Shorten());
        Assert.Equal(200, tuner.PulseLengthMs(shortStep));
    }

    [Fact]
    public void TheMinimumIsCheckedAgainstTheFirstPulseNotALeadingRest()
    {
        // Rest first, then a 400 ms pulse: 400 -> 300 ms (75 %), then 56 % (224 ms) would be below the minimum:
        // the percentage stops at 63, the first whole percentage that reaches 250 ms (252 ms); refused after that.
        var pulse = new ProtocolStep(ProtocolStepKind.Strip, 385, 400);
        var tuner = Make(true, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000), pulse);
        Assert.True(tuner.Shorten());
        Assert.Equal(300, tuner.PulseLengthMs(pulse));
        Assert.True(tuner.Shorten());
        Assert.Equal(63, tuner.PulsePercent);
        Assert.Equal(252, tuner.PulseLengthMs(pulse));
        Assert.False(tuner.Shorten());
    }

    [Fact]
    public void ALaterStepShorterThanTheMinimumKeepsItsOwnLength()
    {
        // 1 s pulses, then 200 ms ones: once the 1 s pulse is tuned to 25 % (250 ms), the 200 ms step, already below
        // the 250 ms minimum, keeps its 200 ms (not 25 % of it, 50 ms: the minimum guards switch wear).
        var shortStep = new ProtocolStep(ProtocolStepKind.Strip, 385, 200);
        var tuner = Make(true, Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000), shortStep, new ProtocolStep(ProtocolStepKind.Rest, 0, 1000));
        while (tuner.Shorten())
        {
        }

        Assert.Equal(25, tuner.PulsePercent);
        Assert.Equal(250, tuner.PulseLengthMs(Strip1s));
        Assert.Equal(200, tuner.PulseLengthMs(shortStep));

        // A 300 ms step stops at the minimum: 250 ms, not 75 ms.
        Assert.Equal(250, tuner.PulseLengthMs(new ProtocolStep(ProtocolStepKind.Strip, 385, 300)));
    }
}
