using Edge.HostSim.Mqtt.Bridge;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Telemetry.IntegrationTests;

/// <summary>A broker with a password file: the bridge's credentials decide whether the device gets on.</summary>
public sealed class AuthenticationTests
{
    [Fact]
    public void RightCredentialsPublishAndWrongOnesAreRefused()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { Username = "edge", Password = "s3cret" });
        using Subscriber sub = new Subscriber(broker, "edge", "s3cret");
        var scenario = SimulatedDevice.Load("soft-short.json", s => s.TimeLimitS = 5);

        SimulatedDevice wrong = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "auth-wrong", Username = "edge", Password = "guess", ReconnectDelayMinMs = 100, ReconnectDelayMaxMs = 200 }, realtimeFactor: 10);
        SimulatedDevice right = new SimulatedDevice(scenario, new MqttBridgeOptions { Port = broker.Port, DeviceId = "auth-right", Username = "edge", Password = "s3cret" }, realtimeFactor: 10);
        right.Finish(TimeSpan.FromSeconds(20));
        sub.Log.WaitFor("edge/auth-right/status", s => s.GetProperty("status").GetString() == "offline");
        Assert.NotEmpty(sub.Log.On("edge/auth-right/telemetry/pulse"));
        Assert.Equal(1, right.Bridge.Connections);

        Assert.Equal(0, wrong.Bridge.Connections);
        Assert.False(wrong.Bridge.IsConnected);
        Assert.DoesNotContain(sub.Log.All(), m => m.Topic.StartsWith("edge/auth-wrong/", StringComparison.Ordinal));
        wrong.Dispose();
    }
}
