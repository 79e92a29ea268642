using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>A test client subscribed to edge/# or the given filters (QoS 1), reconnecting quickly after a broker restart.</summary>
internal sealed class Subscriber : IDisposable
{
    public Subscriber(MosquittoBroker broker, string? user = null, string? password = null, bool persistentSession = false, string[]? topicFilters = null)
    {
        Client = new HostMqttClient(new HostMqttClientOptions
        {
            Host = MosquittoBroker.Host,
            Port = broker.Port,
            ClientId = "test-sub-" + Guid.NewGuid().ToString("N").Substring(0, 8),
            CleanSession = !persistentSession,
            Username = user,
            Password = password,
            ReconnectDelayMinMs = 100,
            ReconnectDelayMaxMs = 250,
        });
        Log = new MessageLog(Client);
        foreach (string filter in topicFilters ?? new[] { "edge/#" })
        {
            Client.Subscribe(filter, 1);
        }

        Client.Connect();
        DateTime end = DateTime.UtcNow + MessageLog.Patience;
        while (!Client.IsConnected && DateTime.UtcNow < end)
        {
            Thread.Sleep(10);
        }

        Assert.True(Client.IsConnected, "the test subscriber connects to the broker");

        // The SUBSCRIBE goes out right after CONNACK; give the broker a moment to register it.
        Thread.Sleep(100);
    }

    public HostMqttClient Client { get; }

    public MessageLog Log { get; }

    public void Send(string topic, string json)
    {
        byte[] payload = System.Text.Encoding.UTF8.GetBytes(json);
        Assert.True(Client.Publish(topic, payload, 0, payload.Length, 1, false) > 0, "command queued");
    }

    /// <summary>Publishes with the retain flag (an empty payload clears the retained message).</summary>
    public void SendRetained(string topic, string json)
    {
        byte[] payload = System.Text.Encoding.UTF8.GetBytes(json);
        Assert.True(Client.Publish(topic, payload, 0, payload.Length, 1, true) > 0, "retained message queued");
    }

    public void Dispose() => Client.Dispose();
}
