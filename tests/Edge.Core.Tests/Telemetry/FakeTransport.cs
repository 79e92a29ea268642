using System.Text.Json;
using Edge.Core.Telemetry.Encoding;
using Edge.Core.Telemetry.Outbox;

namespace Edge.Core.Tests.Telemetry;

/// <summary>An MQTT client stand-in: records what is published, hands out message ids, can refuse.</summary>
internal sealed class FakeTransport : IMessageTransport
{
    private int _nextId = 1;

    public bool IsConnected { get; set; } = true;

    /// <summary>Publish returns -1 (client queue full) while set.</summary>
    public bool Refuse { get; set; }

    /// <summary>Called inside Publish with the id about to be returned (to simulate an ack racing the return).</summary>
    public Action<int> DuringPublish { get; set; }

    /// <summary>When false, nothing is recorded (for allocation measurements).</summary>
    public bool Record { get; set; } = true;

    public List<Published> Messages { get; } = new();

    public int PublishCount { get; private set; }

    public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        if (!IsConnected || Refuse)
        {
            return -1;
        }

        int id = _nextId++;
        PublishCount++;
        if (Record)
        {
            Messages.Add(new Published(topic, payload.AsSpan(offset, count).ToArray(), qos, retain, id));
        }

        DuringPublish?.Invoke(id);
        return id;
    }

    internal sealed record Published(TopicId Topic, byte[] Payload, int Qos, bool Retain, int MessageId)
    {
        public JsonElement Json => JsonDocument.Parse(Payload, new JsonDocumentOptions { AllowDuplicateProperties = false }).RootElement.Clone();

        public long Seq => Json.GetProperty("seq").GetInt64();
    }
}
