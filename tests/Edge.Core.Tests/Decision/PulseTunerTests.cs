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
    public void APulseOfAnotherLengthIsNeverHeldAtTheMinimumWhileItsRestShrinks()
    {
        // 1000 ms and 400 ms pulses, each followed by its own rest: one percentage scales both rests. The 1000 ms pulse
        // could go down to 25 %, but at 56 % the 400 ms pulse would be 224 ms, below the 250 ms minimum, and held there
        // while its rest went to 56 %: the percentage stops at 63 (252 ms), the 400 ms pulse's floor.
        var longPulse = Strip1s;
        var shortPulse = new ProtocolStep(ProtocolStepKind.Strip, 385, 400);
        var tuner = Make(true, longPulse, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000), shortPulse, new ProtocolStep(ProtocolStepKind.Rest, 0, 2000));

        Assert.True(tuner.Shorten());
        Assert.Equal(75, tuner.PulsePercent);
        Assert.True(tuner.Shorten());
        Assert.Equal(63, tuner.PulsePercent);
        Assert.False(tuner.Shorten());
        Assert.Equal(63, tuner.PulsePercent);
        Assert.Equal(252, tuner.PulseLengthMs(shortPulse));
        Assert.Equal(630, tuner.PulseLengthMs(longPulse));
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
    public void AProtocolWithAStepShorterThanTheMinimumIsNotShortened()
    {
        // 1 s pulses, then 200 ms ones: the 200 ms step, already below the 250 ms minimum, keeps its 200 ms (not a
        // percentage of it: the minimum guards switch wear), so its 1 s rest must keep its length too, and the one
        // percentage that scales every fixed rest stays at 100: shortening is refused.
        var shortStep = new ProtocolStep(ProtocolStepKind.Strip, 385, 200);
        var tuner = Make(true, Strip1s, new ProtocolStep(ProtocolStepKind.Rest, 0, 5000), shortStep, new ProtocolStep(ProtocolStepKind.Rest, 0, 1000));

        Assert.False(tuner.Shorten());
        Assert.Equal(100, tuner.PulsePercent);
        Assert.Equal(1000, tuner.PulseLengthMs(Strip1s));
        Assert.Equal(200, tuner.PulseLengthMs(shortStep));
    }
}
