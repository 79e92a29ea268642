using System.Text;
using System.Text.RegularExpressions;
using Edge.Core.Commands;
using Edge.Core.Configuration;
using Edge.Core.Sampling;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;
using Xunit;

namespace Edge.Core.Tests.Telemetry;

/// <summary>
/// CONTRACT.md, "Delivery: the outbox": what the session publishes directly and what goes through the outbox. The
/// section listed cmd/result among the topics published directly, while the Commands section and the session put a
/// reply into the outbox, kept until the broker acknowledges it (directly only when no slot is free).
/// </summary>
public class DeliveryContractTests
{
    [Fact]
    public void TheDeliverySectionNamesWhatTheSessionPublishesDirectlyAndAReplyIsKeptInTheOutbox()
    {
        string contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "core", "CONTRACT.md"));
        int start = contract.IndexOf("## Delivery: the outbox", StringComparison.Ordinal);
        Assert.True(start >= 0, "CONTRACT.md has no delivery section");
        int end = contract.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = contract.Substring(start, end - start);
        Match direct = Regex.Match(section, @"((?:`[^`]+`,?\s+)+and\s+`[^`]+`)\s+are\s+published\s+directly");
        Assert.True(direct.Success, "the delivery section does not say which topics are published directly");
        string[] named = Regex.Matches(direct.Groups[1].Value, "`([^`]+)`").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(new[] { "status", "config", "telemetry/modules" }, named);

        // The session as the section describes it: a reply to a command waits in an outbox slot, in flight until the
        // broker's acknowledgement, where a direct publish would leave nothing behind.
        var layout = new PackLayout(1, 1, 1);
        var controller = new EdgeController(layout, new ControllerConfiguration { StartImmediately = false });
        var topics = new TopicSet("pack-7");
        var connection = new RecordingBrokerConnection(topics);
        var outbox = new MessageOutbox(new OutboxConfiguration(), PayloadBudget.MaximumStreamPayloadBytes(1));
        var session = new DeviceSession(topics, "b1", new SessionSettings(), connection, outbox, controller,
            new CommandHandler(controller, null), new TelemetryPublisher(outbox, "b1"));
        Assert.Equal(SessionStep.Opened, session.Service(0));
        session.Service(0);
        Assert.Equal(outbox.SlotCount, outbox.FreeCount);

        Assert.True(session.Receive(topics.CommandPrefix + "getConfig", Encoding.UTF8.GetBytes("{\"id\":\"d1\"}"), false));
        session.Service(10);

        Assert.Equal(1, connection.CountOn(topics[TopicId.CommandResult]));
        Assert.Equal(outbox.SlotCount - 1, outbox.FreeCount);
    }
}
