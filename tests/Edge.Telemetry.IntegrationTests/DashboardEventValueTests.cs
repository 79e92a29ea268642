using Edge.HostSim.Dashboard;
using Edge.HostSim.Mqtt.Broker;
using Microsoft.Playwright;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>
/// The event table's value column says what CONTRACT.md's table gives for the event's kind: a measured value
/// against its limit, the run's net charge for the end of a run, a count of what was lost or refused, and nothing for
/// kinds whose value and threshold are both 0 by definition.
/// </summary>
public sealed class DashboardEventValueTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public DashboardEventValueTests(BrowserFixture browser)
    {
        _browser = browser;
    }

    [Fact]
    public async Task EventsShowTheRunsNetChargeOrNoValueWhereTheContractGivesNoLimit()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "values-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/values-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/values-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: stopped and protocolDone carry the net charge stripped since the start (mC) against 0;
        // uncalibrated and faultRestored carry 0 against 0 (faultRestored's diagnosis is the stored cause, not a verdict).
        DashboardMqttTools.Publish(broker.Port, "edge/values-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "stopped", "info", 0, null, "1234", threshold: 0),
            DashboardMessages.Event(2, 2000, "protocolDone", "info", 1, null, "-56", threshold: 0),
            DashboardMessages.Event(3, 3000, "uncalibrated", "warning", 0, null, "0", threshold: 0),
            DashboardMessages.Event(4, 4000, "faultRestored", "fault", 1, null, "0", "hardShort", threshold: 0),
            DashboardMessages.Event(5, 5000, "faultRestored", "fault", 0, null, "0", threshold: 0),
            DashboardMessages.Event(6, 6000, "capacityLimit", "info", 0, null, "1001", threshold: 1000),
            DashboardMessages.Event(7, 7000, "outboxOverflow", "warning", null, null, "58", threshold: 0),
            DashboardMessages.Event(8, 8000, "telemetryOverflow", "info", null, null, "3", threshold: 0),
            DashboardMessages.Event(9, 9000, "retainedCommand", "warning", null, null, "2", threshold: 0),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 9);

        Assert.Equal("1234 mC net stripped", await ValueOf(page, "stopped"));
        Assert.Equal("-56 mC net stripped", await ValueOf(page, "protocolDone"));
        Assert.Equal(string.Empty, await ValueOf(page, "uncalibrated"));
        Assert.Equal(new[] { string.Empty, string.Empty }, await page.Locator("#events tbody tr[data-kind=faultRestored] td:nth-child(6)").AllInnerTextsAsync());
        Assert.Equal("1001 mC (limit 1000 mC)", await ValueOf(page, "capacityLimit"));

        // Counts of what was lost or refused, against 0 (CONTRACT.md): no limit to name.
        Assert.Equal("58 messages lost", await ValueOf(page, "outboxOverflow"));
        Assert.Equal("3 records lost", await ValueOf(page, "telemetryOverflow"));
        Assert.Equal("2 commands refused since boot", await ValueOf(page, "retainedCommand"));
        await page.CloseAsync();
    }

    /// <summary>A count of one is said in the singular: "1 messages lost" read as a slip of the page.</summary>
    [Fact]
    public async Task ACountOfOneIsSingular()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "one-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/one-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/one-1/config", DashboardMessages.Config(1, 2), retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/one-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "outboxOverflow", "warning", null, null, "1", threshold: 0),
            DashboardMessages.Event(2, 2000, "telemetryOverflow", "info", null, null, "1", threshold: 0),
            DashboardMessages.Event(3, 3000, "retainedCommand", "warning", null, null, "1", threshold: 0),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3);

        Assert.Equal("1 message lost", await ValueOf(page, "outboxOverflow"));
        Assert.Equal("1 record lost", await ValueOf(page, "telemetryOverflow"));
        Assert.Equal("1 command refused since boot", await ValueOf(page, "retainedCommand"));
        // The data gaps' row of the record the controller could not keep.
        await Assertions.Expect(page.Locator("#gaps tbody tr td:nth-child(5)").First).ToHaveTextAsync("1 record lost");
        await page.CloseAsync();
    }

    [Theory]
    [InlineData("derateLifted")]
    [InlineData("depletionLifted")]
    public async Task ALiftedReductionShowsTheCurrentBeforeNotALimit(string kind)
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "lift-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/lift-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/lift-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: derateLifted's and depletionLifted's value is the module's current now, their threshold the
        // current before (percent of the protocol's): nothing was compared against a limit.
        DashboardMqttTools.Publish(broker.Port, "edge/lift-1/event", DashboardMessages.Event(1, 1000, kind, "info", 0, null, "100", threshold: 80));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1);

        Assert.Equal("100 % (was 80 %)", await ValueOf(page, kind));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ARefillThatGaveBackOnlyPulsesAndRestsSaysTheCurrentIsUnchanged()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "lift-2"));
        DashboardMqttTools.Publish(broker.Port, "edge/lift-2/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/lift-2/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: a depletionLifted whose current now equals its current before gave back depletion's shorter pulses
        // and longer rests only; "80 % (was 80 %)" would read as a lift that did nothing.
        DashboardMqttTools.Publish(broker.Port, "edge/lift-2/event", DashboardMessages.Event(1, 1000, "depletionLifted", "info", 0, null, "80", threshold: 80));
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1);

        Assert.Equal("80 % (current unchanged; pulses and rests as the protocol's)", await ValueOf(page, "depletionLifted"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ATemperatureIsShownInDegreesNotInTenthsWithATenthAsItsUnit()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "temp-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/temp-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/temp-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: overtemperature compares the temperature in 0.1 degC with maximumTemperatureDeciCelsius (600 in the
        // config: 60.0 degC). 612 is 61.2 degC; "612 0.1 °C" reads as a number and a unit of its own.
        DashboardMqttTools.Publish(broker.Port, "edge/temp-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "overtemperature", "warning", 1, null, "505", "cellOvertemperatureWarning", threshold: 500),
            DashboardMessages.Event(2, 2000, "overtemperature", "fault", null, null, "612", "cellOvertemperature", threshold: 600),
            DashboardMessages.Event(3, 3000, "overtemperature", "fault", 0, null, "-5", "cellOvertemperature", threshold: -10),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3);

        string[] values = (await page.Locator("#events tbody tr[data-kind=overtemperature] td:nth-child(6)").AllInnerTextsAsync()).Select(v => v.Trim()).ToArray();
        Assert.Equal(new[] { "-0.5 °C (limit -1.0 °C)", "61.2 °C (limit 60.0 °C)", "50.5 °C (limit 50.0 °C)" }, values);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AConfirmedSoftShortCountsIndicatorsOrSpikesNotIndicatorsAlone()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "confirm-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/confirm-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/confirm-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: softShortConfirmed's value is the count of active indicators against confirmingIndicators, or,
        // when repeated spikes alone confirm it, the spikes counted against confirmingSpikeCount, or, when a resistance
        // drop that stays does, its edges in a row against confirmingResistanceDropEdges. There are four indicators
        // (spike, resistance drop, self-discharge, efficiency drop), so 5 confirming at 5 (the spike count's default) can
        // only be spikes and 10 at 10 only edges: "5 indicators" would name evidence the cell cannot have.
        DashboardMqttTools.Publish(broker.Port, "edge/confirm-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "softShort", "fault", 0, 1, "2", "softShortConfirmed", threshold: 2),
            DashboardMessages.Event(2, 2000, "softShort", "fault", 1, 2, "5", "softShortConfirmed", threshold: 5),
            DashboardMessages.Event(3, 3000, "softShort", "fault", 1, 3, "10", "softShortConfirmed", threshold: 10),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 3);

        string[] values = (await page.Locator("#events tbody tr[data-kind=softShort] td:nth-child(6)").AllInnerTextsAsync()).Select(v => v.Trim()).ToArray();
        Assert.Equal(new[] { "10 indicators, spikes or edges (limit 10)", "5 indicators, spikes or edges (limit 5)", "2 indicators, spikes or edges (limit 2)" }, values);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AChannelFaultSaysWhatTheStatusCodeMeansAndNamesNoLimitOfZero()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "channel-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/channel-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/channel-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md, channelFault: the value is the channel's status code (2 implausible, 3 missing), or a saturated
        // channel's reading, against 0, which is no limit (the relation is the status itself); only cellChannelStuck
        // compares its response to a current step with a minimum response, mV.
        DashboardMqttTools.Publish(broker.Port, "edge/channel-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "channelFault", "fault", 0, 1, "3", "cellChannelInvalid", threshold: 0),
            DashboardMessages.Event(2, 2000, "channelFault", "fault", 1, null, "2", "currentChannelInvalid", threshold: 0),
            DashboardMessages.Event(3, 3000, "channelFault", "fault", 0, 0, "3712", "cellChannelSaturated", threshold: 0),
            DashboardMessages.Event(4, 4000, "channelFault", "fault", 1, null, "7700", "currentChannelSaturated", threshold: 0),
            DashboardMessages.Event(5, 5000, "channelFault", "fault", null, null, "2", "temperatureChannelInvalid", threshold: 0),
            DashboardMessages.Event(6, 6000, "channelFault", "fault", 1, 3, "3", "cellChannelStuck", threshold: 10),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 6);

        string[] values = (await page.Locator("#events tbody tr[data-kind=channelFault] td:nth-child(6)").AllInnerTextsAsync()).Select(v => v.Trim()).ToArray();
        Assert.Equal(new[]
        {
            "3 mV (limit 10 mV)",
            "status 2: implausible",
            "7700 µA (saturated)",
            "3712 mV (saturated)",
            "status 2: implausible",
            "status 3: missing",
        }, values);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnImplausibleCurrentReadingIsShownAgainstTheSetpointNotALimit()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "current-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/current-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/current-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md, channelFault (currentChannelImplausible): the module current reading against the setpoint that
        // flowed, both signed uA: a channel stuck at REF reads 0 under 385 uA, one wired the wrong way -385.
        DashboardMqttTools.Publish(broker.Port, "edge/current-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "channelFault", "fault", 0, null, "0", "currentChannelImplausible", threshold: 385),
            DashboardMessages.Event(2, 2000, "channelFault", "fault", 1, null, "-385", "currentChannelImplausible", threshold: 385),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2);

        string[] values = (await page.Locator("#events tbody tr[data-kind=channelFault] td:nth-child(6)").AllInnerTextsAsync()).Select(v => v.Trim()).ToArray();
        Assert.Equal(new[] { "-385 µA (commanded 385 µA)", "0 µA (commanded 385 µA)" }, values);
        await page.CloseAsync();
    }

    [Fact]
    public async Task AMuxAddressFaultShowsTheReferenceReadingAgainstItsCalibratedOne()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "mux-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/mux-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/mux-1/config", DashboardMessages.Config(3, 2), retain: true);

        // CONTRACT.md, channelFault (muxAddressFault): REF's raw reading through the multiplexer against the one the
        // unit's calibration recorded, ADC counts; S0 stuck low puts the NTC at 25 degC (1872 counts) on REF's address.
        DashboardMqttTools.Publish(broker.Port, "edge/mux-1/event", new[]
        {
            DashboardMessages.Event(1, 1000, "channelFault", "fault", null, null, "1872", "muxAddressFault", threshold: 1344),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 1);

        Assert.Equal("REF read 1872 counts (calibrated 1344 counts)", await ValueOf(page, "channelFault"));
        await page.CloseAsync();
    }

    [Fact]
    public async Task AnIntermittentChannelShowsItsBadReadingsAgainstTheWarningAndTheClearLimit()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true });
        using DashboardServer server = new DashboardServer(_browser.DashboardRoot);
        IPage page = await DashboardPage.OpenAsync(_browser, server.PageUrl(broker.WebSocketPort, "intermittent-1"));
        DashboardMqttTools.Publish(broker.Port, "edge/intermittent-1/status", DashboardMessages.Online, retain: true);
        DashboardMqttTools.Publish(broker.Port, "edge/intermittent-1/config", DashboardMessages.Config(2, 2), retain: true);

        // CONTRACT.md: the warning's value is the window's bad readings against the warning's limit (every other reading
        // of 100: 50 against 20); its healing's the last window's against the clear limit, under which it healed.
        DashboardMqttTools.Publish(broker.Port, "edge/intermittent-1/event", new[]
        {
            DashboardMessages.Event(1, 990, "channelFault", "warning", 1, null, "50", "currentChannelIntermittent", threshold: 20),
            DashboardMessages.Event(2, 3990, "channelRecovered", "info", 1, null, "0", "currentChannelIntermittent", threshold: 10),
        });
        await DashboardPage.WaitForAsync(page, s => s.GetProperty("events").GetArrayLength() == 2);

        Assert.Equal("50 bad readings (limit 20 bad readings)", await ValueOf(page, "channelFault"));
        Assert.Equal("0 bad readings (under 10 bad readings)", await ValueOf(page, "channelRecovered"));
        await page.CloseAsync();
    }

    private static async Task<string> ValueOf(IPage page, string kind) =>
        (await page.Locator($"#events tbody tr[data-kind={kind}] td:nth-child(6)").InnerTextAsync()).Trim();
}
