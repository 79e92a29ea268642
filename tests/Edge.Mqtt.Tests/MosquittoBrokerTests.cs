// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Edge.HostSim.Mqtt.Broker;

namespace Edge.Mqtt.Tests
{
    /// <summary>The broker harness itself: listeners, static files over the websockets port, stop/restart, clean-up.</summary>
    public sealed class MosquittoBrokerTests
    {
        [Fact]
        public void WebSocketsListener_ServesHttpDirectory_AndAllPortsSurviveRestart()
        {
            string site = Directory.CreateTempSubdirectory("edge-site-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(site, "index.html"), "<html>edge dashboard</html>");
                if (!OperatingSystem.IsWindows())
                {
                    // Mosquitto drops privileges; the served folder must be world-readable.
                    File.SetUnixFileMode(site, (UnixFileMode)0b111_101_101);
                }
                using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { EnableWebSockets = true, HttpDirectory = site });
                int mqttPort = broker.Port;
                int webPort = broker.WebSocketPort;
                Assert.NotEqual(0, webPort);
                Assert.NotEqual(mqttPort, webPort);
                Assert.Equal("<html>edge dashboard</html>", Fetch(webPort, "/index.html"));

                broker.Stop();

                Assert.False(broker.IsRunning);
                Assert.False(Accepts(mqttPort));
                Assert.False(Accepts(webPort));

                broker.Start();

                Assert.Equal(mqttPort, broker.Port);
                Assert.True(Accepts(mqttPort));
                Assert.Equal("<html>edge dashboard</html>", Fetch(webPort, "/index.html"));
                Assert.Contains("Opening websockets listen socket on port " + webPort, broker.Log);
            }
            finally
            {
                Directory.Delete(site, true);
            }
        }

        [Fact]
        public void Dispose_KillsBroker_AndFreesItsPort()
        {
            MosquittoBroker broker = MosquittoBroker.StartNew();
            int port = broker.Port;
            Assert.True(Accepts(port));

            broker.Dispose();

            Assert.False(broker.IsRunning);
            Assert.False(Accepts(port));
            Assert.Throws<ObjectDisposedException>(() => broker.Start());
        }

        [Fact]
        public void UsernameWithoutPassword_IsRejectedBeforeStarting()
        {
            Assert.Throws<ArgumentException>(() => new MosquittoBroker(new MosquittoBrokerOptions { Username = "edge" }));
        }

        [Fact]
        public void FreePort_ReturnsDistinctBindablePorts()
        {
            int[] ports = FreePort.Allocate(5);

            Assert.Equal(5, ports.Distinct().Count());
            foreach (int port in ports)
            {
                TcpListener listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                listener.Stop();
            }
        }

        private static string Fetch(int port, string path)
        {
            using HttpClient http = new HttpClient { Timeout = Recorder.Patience };
            return http.GetStringAsync("http://127.0.0.1:" + port + path).GetAwaiter().GetResult();
        }

        private static bool Accepts(int port)
        {
            using Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
