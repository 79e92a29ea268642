using System.Text;
using Edge.Core.Session;
using Edge.Core.Telemetry.Encoding;

namespace Edge.Core.Tests.Telemetry;

/// <summary>A broker connection that is always open and records what is published to it: each topic, and the last retained payload per topic.</summary>
internal sealed class RecordingBrokerConnection : IBrokerConnection
{
    private readonly TopicSet _topics;
    private readonly Dictionary<string, string> _retained = new Dictionary<string, string>();
    private readonly List<string> _topicsPublished = new List<string>();
    private int _messageId;

    public RecordingBrokerConnection(TopicSet topics)
    {
        _topics = topics;
    }

    public bool IsConnected { get; private set; }

    public string LastError => null!;

    public string Retained(string topic) => _retained.TryGetValue(topic, out string payload) ? payload : "(none retained)";

    public int CountOn(string topic) => _topicsPublished.Count(t => t == topic);

    public ConnectOutcome Open(string clientId, string username, string password, int keepAliveS, string willTopic, byte[] willPayload)
    {
        IsConnected = true;
        return ConnectOutcome.Accepted;
    }

    public bool Subscribe(string topicFilter) => true;

    public int Publish(TopicId topic, byte[] payload, int offset, int count, int qos, bool retain) => PublishTo(_topics[topic], payload, offset, count, qos, retain);

    public int PublishTo(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        _topicsPublished.Add(topic);
        if (retain)
        {
            _retained[topic] = Encoding.UTF8.GetString(payload, offset, count);
        }

        return ++_messageId;
    }

    public void Close(bool sendDisconnect) => IsConnected = false;
}
