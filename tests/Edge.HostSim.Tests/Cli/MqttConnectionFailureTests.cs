// Licensed under the MIT License.

using System.Net;
using System.Net.Sockets;
using Edge.HostSim.Cli;
using Edge.HostSim.Mqtt.Broker;
using Xunit;

namespace Edge.HostSim.Tests.Cli;

/// <summary>
/// edge-sim run --mqtt against a broker it cannot use: the run does not start, the exit code is 2 (bad input,
/// nothing run, as hostsim/README.md says) and stderr names the option to change and says why (unreachable,
/// bad password, TLS, ACL) instead of a silent "0 connection(s)".
/// </summary>
public sealed class MqttConnectionFailureTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edge-sim-mqtt-fail-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, true);
        }
    }

    [Fact]
    public void AnUnreachableBrokerStopsTheRunWithTheReason()
    {
        TcpListener probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        Assert.Equal(2, Run(out string error, "--mqtt", "127.0.0.1:" + port));
        Assert.Contains("--mqtt: nothing accepts connections at 127.0.0.1:" + port, error);
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")), "no run, no output");
    }

    [Fact]
    public void AWrongPasswordStopsTheRunWithTheReason()
    {
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { Username = "sim-1", Password = "right" });

        Assert.Equal(2, Run(out string error, "--mqtt", "127.0.0.1:" + broker.Port, "--mqtt-user", "sim-1", "--mqtt-password", "wrong"));

        // Mosquitto 2.0 answers a wrong password with "not authorized" (MQTT 5 CONNACK 0x87).
        Assert.Contains("--mqtt-user/--mqtt-password: cannot connect to the MQTT broker at 127.0.0.1:" + broker.Port + ": not authorised (wrong user name or password, or this user may not connect)", error);
    }

    [Fact]
    public void AnAclThatRefusesTheDevicesCommandsStopsTheRunWithTheReason()
    {
        // The shipped per-device ACL, and a device started under another device's credentials: the broker
        // lets pack-8 in but refuses it sim-1's topics.
        MosquittoBrokerOptions options = new MosquittoBrokerOptions { AclFile = DeploymentAcl() };
        options.Users.Add("pack-8", "pw");
        using MosquittoBroker broker = MosquittoBroker.StartNew(options);

        Assert.Equal(2, Run(out string error, "--mqtt", "127.0.0.1:" + broker.Port, "--mqtt-user", "pack-8", "--mqtt-password", "pw", "--device-id", "sim-1"));

        Assert.Contains("cannot connect to the MQTT broker at 127.0.0.1:" + broker.Port + ": refused by the broker's ACL", error);
        Assert.Contains("edge/sim-1/status (NotAuthorized)", error);
    }

    private static string DeploymentAcl()
    {
        DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "hostsim", "Edge.HostSim", "Mqtt", "Deployment", "acl");
    }

    [Fact]
    public void ABrokerCertificateFromAnotherCaStopsTheRunWithATlsError()
    {
        Directory.CreateDirectory(_directory);
        string brokerCa = Path.Combine(_directory, "broker-ca");
        string strangerCa = Path.Combine(_directory, "stranger-ca");
        Directory.CreateDirectory(brokerCa);
        Directory.CreateDirectory(strangerCa);
        (string serverCertificate, string serverKey, _) = Certificates(brokerCa, "Broker CA", server: true);
        (_, _, string strangerCaFile) = Certificates(strangerCa, "Stranger CA", server: false);
        using MosquittoBroker broker = MosquittoBroker.StartNew(new MosquittoBrokerOptions { TlsCertificateFile = serverCertificate, TlsKeyFile = serverKey });

        Assert.Equal(2, Run(out string error, "--mqtt", "127.0.0.1:" + broker.TlsPort, "--mqtt-ca", strangerCaFile));

        Assert.Contains("cannot connect to the MQTT broker at 127.0.0.1:" + broker.TlsPort + ": TLS error", error);
    }

    private int Run(out string error, params string[] mqtt)
    {
        StringWriter stderr = new StringWriter();
        int code = Program.Execute(new[] { "run", "--out", Path.Combine(_directory, "out"), "--quiet" }.Concat(mqtt).ToArray(), new StringWriter(), stderr);
        error = stderr.ToString();
        return code;
    }

    // A CA (and with server: a 127.0.0.1 certificate signed by it) made with the openssl command line.
    private static (string Certificate, string Key, string CaFile) Certificates(string directory, string name, bool server)
    {
        string caFile = Path.Combine(directory, "ca.crt");
        string caKey = Path.Combine(directory, "ca.key");
        OpenSsl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", caFile, "-days", "1", "-subj", "/CN=" + name);
        if (!server)
        {
            return (string.Empty, string.Empty, caFile);
        }

        string certificate = Path.Combine(directory, "server.crt");
        string key = Path.Combine(directory, "server.key");
        string request = Path.Combine(directory, "server.csr");
        string extensions = Path.Combine(directory, "server.ext");
        File.WriteAllText(extensions, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        OpenSsl(directory, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request, "-subj", "/CN=127.0.0.1");
        OpenSsl(directory, "x509", "-req", "-in", request, "-CA", caFile, "-CAkey", caKey, "-CAcreateserial", "-out", certificate, "-days", "1", "-extfile", extensions);
        return (certificate, key, caFile);
    }

    private static void OpenSsl(string directory, params string[] arguments)
    {
        System.Diagnostics.ProcessStartInfo start = new System.Diagnostics.ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = directory };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "openssl failed: " + stderr);
    }
}
