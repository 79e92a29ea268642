// Licensed under the MIT License.

using System.Collections.Concurrent;
using System.Text;
using Edge.HostSim.Mqtt;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A subscription the broker refuses (MQTT 5 SUBACK "not authorized") is reported, at the first connection and
    /// again after every reconnect: otherwise the messages on it (a device's commands, a dashboard's telemetry) just
    /// stop arriving with no sign why. Mosquitto's acl_file grants every SUBSCRIBE; its dynamic-security plugin
    /// (shipped with the Debian package) refuses the ones its ACLs do not allow.
    /// </summary>
    public sealed class SubscriptionRefusalTests
    {
        private const string DynamicSecurityPlugin = "/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so";

        [Fact]
        public void ARefusedSubscriptionIsReported_AtConnectAndAgainAfterAReconnect()
        {
            Assert.True(File.Exists(DynamicSecurityPlugin), "mosquitto's dynamic-security plugin is missing: " + DynamicSecurityPlugin);
            string root = "test/" + Guid.NewGuid().ToString("N").Substring(0, 8);
            string policy = Path.Combine(Path.GetTempPath(), "dynsec-" + Guid.NewGuid().ToString("N") + ".json");

            // Anonymous clients may subscribe below <root>/allowed only; publishing and receiving are open.
            File.WriteAllText(policy, "{\"defaultACLAccess\":{\"publishClientSend\":true,\"publishClientReceive\":true,\"subscribe\":false,\"unsubscribe\":true},"
                + "\"clients\":[],\"groups\":[{\"groupname\":\"anonymous\",\"roles\":[{\"rolename\":\"reader\"}]}],"
                + "\"roles\":[{\"rolename\":\"reader\",\"acls\":[{\"acltype\":\"subscribePattern\",\"topic\":\"" + root + "/allowed/#\",\"priority\":0,\"allow\":true}]}],"
                + "\"anonymousGroup\":\"anonymous\"}");
            // The broker may run as another user and must read it (tests run on Linux, where the plugin is).
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(policy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            MosquittoBrokerOptions options = new MosquittoBrokerOptions();
            options.ListenerConfiguration.Add("plugin " + DynamicSecurityPlugin);
            options.ListenerConfiguration.Add("plugin_opt_config_file " + policy);
            try
            {
                using MosquittoBroker broker = MosquittoBroker.StartNew(options);
                using HostMqttClient client = new HostMqttClient(TestClients.OptionsFor(broker, "refused"));
                ConcurrentQueue<(string Filter, string Reason)> refused = new ConcurrentQueue<(string, string)>();
                client.SubscriptionRefused += (filter, reason) => refused.Enqueue((filter, reason));
                Recorder seen = new Recorder(client);
                client.Subscribe(root + "/denied", 1);
                client.Subscribe(root + "/allowed/x", 1);
                client.Connect();

                Assert.True(seen.WaitFor(() => seen.Connects == 1));
                Assert.True(seen.WaitFor(() => refused.Count == 1), "the broker refused " + root + "/denied unreported:\n" + broker.Log);
                (string filter, string reason) = refused.ToArray()[0];
                Assert.Equal(root + "/denied", filter);
                Assert.Contains("NotAuthorized", reason, StringComparison.Ordinal);

                // The allowed subscription still works beside the refused one.
                byte[] payload = Encoding.UTF8.GetBytes("hello");
                Assert.True(client.Publish(root + "/allowed/x", payload, 0, payload.Length, 1, false) > 0);
                Assert.True(seen.WaitFor(() => seen.PayloadsOn(root + "/allowed/x").Count == 1));

                // A reconnect subscribes again, and the broker refuses again: reported again.
                client.AbortConnection();
                Assert.True(seen.WaitFor(() => seen.Connects == 2));
                Assert.True(seen.WaitFor(() => refused.Count == 2), "the re-subscription after the reconnect was refused unreported:\n" + broker.Log);
                Assert.Equal(root + "/denied", refused.ToArray()[1].Filter);
            }
            finally
            {
                File.Delete(policy);
            }
        }
    }
}
