using System.Text;
using Edge.Core.Boards;
using NFUnitTest.Boards;
using Xunit;

namespace Edge.Core.Tests.Boards;

/// <summary>
/// One tick's sampling must fit in the tick: every multiplexed input settles once (<c>settle_us</c>) and every
/// channel takes <c>adc_readings_per_sample</c> conversions of about 50 us, and the sum may not exceed
/// <c>sample_period_ms</c>, or every tick would overrun and the hardware enable would never be fed.
/// </summary>
public class BoardSamplingTimeTests
{
    [Fact]
    public void Sixteen_inputs_settling_ten_ms_each_do_not_fit_a_one_ms_tick()
    {
        // 16 x 10000 us settling + 17 channels (16 cells, 1 current) x 1 reading x 50 us = 160850 us.
        string text = MuxBoard(16, settleUs: 10000, samplePeriodMs: 1);
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent,
            "[board] sample_period_ms: sampling one tick takes 160850 us (16 multiplexer inputs x settle_us 10000 us + 17 channels x adc_readings_per_sample 1 x 50 us a conversion), more than the 1 ms period; use 161 to 250 ms, or a shorter settle_us or fewer adc_readings_per_sample");
    }

    [Fact]
    public void The_sampling_time_may_fill_the_tick_but_not_exceed_it()
    {
        // 16 x 100 us + 17 x 50 us = 2450 us: too long for 2 ms, fits 3 ms.
        string tight = MuxBoard(16, settleUs: 100, samplePeriodMs: 2);
        BoardRuleAssert.Rejected(tight, BoardText.LineOf(tight, "[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent, "sampling one tick takes 2450 us");
        Assert.Equal(3, BoardRuleAssert.Parsed(MuxBoard(16, settleUs: 100, samplePeriodMs: 3)).SamplePeriodMs);

        // 2 x 925 us + 3 channels x 50 us = exactly 2000 us: it fills a 2 ms tick; 926 us would not fit.
        BoardRuleAssert.Parsed(MuxBoard(2, settleUs: 925, samplePeriodMs: 2));
        string over = MuxBoard(2, settleUs: 926, samplePeriodMs: 2);
        BoardRuleAssert.Rejected(over, BoardText.LineOf(over, "[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent, "sampling one tick takes 2002 us");
    }

    [Fact]
    public void Readings_per_sample_count_every_conversion()
    {
        // Two direct channels x 64 readings x 50 us = 6400 us: more than a 6 ms tick, inside 7 ms.
        string text = MinimalBoard.With("[board]", "adc_readings_per_sample", "64").Replace("sample_period_ms = 10", "sample_period_ms = 6");
        BoardRuleAssert.Rejected(
            text, BoardText.LineOf(text, "[board]", "sample_period_ms"), BoardParseErrorKind.Inconsistent,
            "sampling one tick takes 6400 us (0 multiplexer inputs x settle_us 0 us + 2 channels x adc_readings_per_sample 64 x 50 us a conversion), more than the 6 ms period; use 7 to 250 ms, or a shorter settle_us or fewer adc_readings_per_sample");
        BoardRuleAssert.Parsed(text.Replace("sample_period_ms = 6", "sample_period_ms = 7"));
    }

    /// <summary>A board whose <paramref name="cells"/> cells sit on a 16-input multiplexer, with one direct current channel.</summary>
    private static string MuxBoard(int cells, int settleUs, int samplePeriodMs)
    {
        var text = new StringBuilder();
        text.Append("[board]\nname = test\nsample_period_ms = ").Append(samplePeriodMs).Append("\nadc_resolution_bits = 12\nadc_attenuation_db = 11\nmodule = wroom\n");
        text.Append("[mux]\nselect_pins = 18, 19, 21, 22\nadc_pin = 39\nfilter_ohm = 0\nfilter_pf = 0\nsettle_us = ").Append(settleUs).Append('\n');
        var members = new StringBuilder();
        for (int i = 0; i < cells; i++)
        {
            text.Append("[cell ").Append(i).Append("]\nmux_input = ").Append(i).Append("\ndivider_ratio = 0.4\noffset_mv = 1650\ncalibration = 1:-3700, 4094:3600\n");
            members.Append(i == 0 ? string.Empty : ", ").Append(i);
        }

        text.Append("[module 0]\ncells = ").Append(members).Append("\nadc_pin = 32\nshunt_milliohm = 1000\namplifier_gain = 500\noffset_mv = 1650\n");
        text.Append("calibration = 1:-14000, 4094:14000\nswitch_pin = 16\nswitch_active = high\nswitch_driver = gpio\n");
        text.Append("[safety]\nmax_module_current_ma = 2\nmax_plating_current_ma = 0.5\ncell_voltage_min_mv = -3000\ncell_voltage_max_mv = 3000\n");
        return text.ToString();
    }
}
