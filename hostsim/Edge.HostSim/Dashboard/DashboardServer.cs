// Licensed under the MIT License.

using System.Net;

namespace Edge.HostSim.Dashboard
{
    /// <summary>
    /// Serves the static dashboard (hostsim/dashboard) over HTTP on 127.0.0.1 only. mosquitto's
    /// http_dir would do too, but it speaks HTTP/1.0 without Content-Type and is slow for the
    /// vendored bundles, and it must be readable by the broker's unprivileged user.
    /// </summary>
    public sealed class DashboardServer : IDisposable
    {
        private static readonly Dictionary<string, string> s_contentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [".html"] = "text/html; charset=utf-8",
            [".js"] = "text/javascript; charset=utf-8",
            [".mjs"] = "text/javascript; charset=utf-8",
            [".css"] = "text/css; charset=utf-8",
            [".json"] = "application/json",
            [".svg"] = "image/svg+xml",
            [".png"] = "image/png",
            [".ico"] = "image/x-icon",
        };

        /// <summary>Free ports tried when none is given: another process may take one between its choice and the bind.</summary>
        private const int FreePortAttempts = 3;

        private readonly HttpListener _listener;
        private readonly string _root;
        private readonly Thread _thread;

        /// <summary>
        /// Starts serving <paramref name="root"/> on loopback port <paramref name="port"/>, or on a free one when it is 0.
        /// </summary>
        /// <exception cref="HttpListenerException">The port cannot be listened on (another process has it).</exception>
        public DashboardServer(string root, int port = 0)
        {
            // Without its trailing separator ("hostsim/dashboard/", as a shell completes it): the containment check below
            // appends one, and "dashboard//" would be the prefix of no file, so every request would be refused.
            _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
            if (!File.Exists(Path.Combine(_root, "index.html")))
            {
                throw new DirectoryNotFoundException("no dashboard (index.html) in " + _root);
            }

            for (int attempt = 1; ; attempt++)
            {
                Port = port != 0 ? port : Mqtt.Broker.FreePort.Allocate(1)[0];
                HttpListener listener = new HttpListener();
                listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
                try
                {
                    // Throws HttpListenerException when the port is taken: a given one is the caller's to refuse.
                    listener.Start();
                    _listener = listener;
                    break;
                }
                catch (HttpListenerException) when (port == 0 && attempt < FreePortAttempts)
                {
                    listener.Close();
                }
            }

            _thread = new Thread(Serve) { IsBackground = true, Name = "edge-dashboard-http" };
            _thread.Start();
        }

        public int Port { get; }

        /// <summary>
        /// The websockets port of the broker this server's page should use, served as <c>broker.json</c>; 0 (the default)
        /// serves none. A page opened without a broker in its address asks for it, at its load and whenever its broker
        /// connection fails, so a page left open follows the broker of the run that serves it now: a simulator started again
        /// on the same HTTP port starts its broker on another port.
        /// </summary>
        public int BrokerWebSocketPort { get; set; }

        /// <summary>
        /// The device the run behind this server simulates, served in <c>broker.json</c> beside the broker; null serves none.
        /// A page left open follows it when it was showing the device the server named before: a rerun under another
        /// --device-id would otherwise leave the page subscribed to a device that no longer sends.
        /// </summary>
        public string? DeviceId { get; set; }

        /// <summary>Base address, e.g. http://127.0.0.1:43123/.</summary>
        public string BaseUrl => "http://127.0.0.1:" + Port + "/";

        /// <summary>True when the browser bundles (npm run build) are in vendor/.</summary>
        public static bool HasVendorBundles(string root)
        {
            string vendor = Path.Combine(root, "vendor");
            return File.Exists(Path.Combine(root, "js", "main.js")) && File.Exists(Path.Combine(vendor, "mqtt.min.js")) && File.Exists(Path.Combine(vendor, "uPlot.iife.min.js")) && File.Exists(Path.Combine(vendor, "uPlot.min.css"));
        }

        /// <summary>Looks for hostsim/dashboard above the working directory and above the program's directory.</summary>
        public static string? Locate()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (DirectoryInfo? dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                {
                    string candidate = Path.Combine(dir.FullName, "hostsim", "dashboard");
                    if (File.Exists(Path.Combine(candidate, "index.html")))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The page address with broker and device filled into the query. Never credentials: an address
        /// ends up in histories, logs and screenshots; the page's login form takes them.
        /// </summary>
        public string PageUrl(int webSocketPort, string? deviceId)
        {
            string url = BaseUrl + "index.html?broker=" + Uri.EscapeDataString("ws://127.0.0.1:" + webSocketPort);
            if (deviceId != null)
            {
                url += "&device=" + Uri.EscapeDataString(deviceId);
            }

            return url;
        }

        /// <summary>The page address without a broker: the page takes the one this server serves (<see cref="BrokerWebSocketPort"/>).</summary>
        public string PageUrl(string? deviceId)
        {
            return BaseUrl + "index.html" + (deviceId != null ? "?device=" + Uri.EscapeDataString(deviceId) : string.Empty);
        }

        public void Dispose()
        {
            // Close alone: it stops the listener and gives its port up. A Stop before it gave the port up already, and the
            // Close after it then bound the port again to find nothing left to remove, which threw "Address already in use"
            // when another socket had taken the freed port meanwhile.
            try
            {
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }

            _thread.Join(TimeSpan.FromSeconds(2));
        }

        private void Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = _listener.GetContext();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException || e is InvalidOperationException)
                {
                    return;
                }

                ThreadPool.QueueUserWorkItem(_ => Answer(context));
            }
        }

        private static void Send(HttpListenerResponse response, string contentType, byte[] body, string cacheControl)
        {
            response.ContentType = contentType;
            response.Headers["Cache-Control"] = cacheControl;
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body, 0, body.Length);
        }

        private byte[] BrokerJson()
        {
            using MemoryStream body = new MemoryStream();
            using (System.Text.Json.Utf8JsonWriter json = new System.Text.Json.Utf8JsonWriter(body))
            {
                json.WriteStartObject();
                json.WriteString("broker", "ws://127.0.0.1:" + BrokerWebSocketPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (DeviceId != null)
                {
                    json.WriteString("device", DeviceId);
                }

                json.WriteEndObject();
            }

            return body.ToArray();
        }

        private void Answer(HttpListenerContext context)
        {
            HttpListenerResponse response = context.Response;
            try
            {
                string relative = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
                if (relative.Length == 0)
                {
                    relative = "index.html";
                }

                if (relative == "broker.json" && context.Request.HttpMethod == "GET" && BrokerWebSocketPort != 0)
                {
                    // Never cached: after a restart of the simulator the same address names another broker.
                    Send(response, "application/json", BrokerJson(), "no-store");
                    return;
                }

                string path = Path.GetFullPath(Path.Combine(_root, relative));
                bool inside = path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
                if (!inside || !File.Exists(path) || context.Request.HttpMethod != "GET")
                {
                    response.StatusCode = inside ? 404 : 403;
                    return;
                }

                byte[] body = File.ReadAllBytes(path);
                Send(response, s_contentTypes.TryGetValue(Path.GetExtension(path), out string? type) ? type : "application/octet-stream", body, "no-cache");
            }
            catch (Exception e) when (e is IOException || e is HttpListenerException || e is UnauthorizedAccessException)
            {
                response.StatusCode = 500;
            }
            finally
            {
                try
                {
                    response.Close();
                }
                catch (Exception e) when (e is HttpListenerException || e is ObjectDisposedException)
                {
                }
            }
        }
    }
}
