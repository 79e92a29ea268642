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
        // A topic of this client's own, subscribed after the test's filters: its message coming back proves the broker
        // has every subscription (it handles one client's packets in order), however slowly a loaded machine got there.
        string probe = "edge-test-probe/" + Client.ClientId;
        int probesBack = 0;
        Client.MessageReceived += m =>
        {
            if (m.Topic == probe)
            {
                Interlocked.Increment(ref probesBack);
            }
        };
        Log = new MessageLog(Client, probe);
        foreach (string filter in topicFilters ?? new[] { "edge/#" })
        {
            Client.Subscribe(filter, 1);
        }

        Client.Subscribe(probe, 1);
        Client.Connect();
        DateTime end = DateTime.UtcNow + MessageLog.Patience;
        while (!Client.IsConnected && DateTime.UtcNow < end)
        {
            Thread.Sleep(10);
        }

        Assert.True(Client.IsConnected, "the test subscriber connects to the broker");

        // A probe published before the SUBSCRIBE went out is not delivered: send one until one comes back.
        byte[] payload = new byte[] { (byte)'1' };
        while (Volatile.Read(ref probesBack) == 0 && DateTime.UtcNow < end)
        {
            Client.Publish(probe, payload, 0, payload.Length, 1, false);
            SpinWait.SpinUntil(() => Volatile.Read(ref probesBack) > 0, TimeSpan.FromMilliseconds(200));
        }

        Assert.True(Volatile.Read(ref probesBack) > 0, "the broker confirms the test subscriber's subscriptions within " + MessageLog.Patience);
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
