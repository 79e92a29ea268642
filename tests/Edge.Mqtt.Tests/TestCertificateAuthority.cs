// Licensed under the MIT License.

using System.Diagnostics;

namespace Edge.Mqtt.Tests
{
    /// <summary>
    /// A throw-away certificate authority made with the openssl command line at test time: a
    /// self-signed CA and a server certificate for 127.0.0.1/localhost signed by it. Nothing secret
    /// is checked in; the directory is deleted on dispose.
    /// </summary>
    public sealed class TestCertificateAuthority : IDisposable
    {
        private readonly string _directory;

        /// <summary>Creates CA and server certificate (RSA 2048, valid one day).</summary>
        public TestCertificateAuthority(string name)
        {
            _directory = Directory.CreateTempSubdirectory("edge-ca-").FullName;
            CaFile = Path.Combine(_directory, "ca.crt");
            ServerCertificateFile = Path.Combine(_directory, "server.crt");
            ServerKeyFile = Path.Combine(_directory, "server.key");
            string caKey = Path.Combine(_directory, "ca.key");
            string request = Path.Combine(_directory, "server.csr");
            string extensions = Path.Combine(_directory, "server.ext");
            File.WriteAllText(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");

            OpenSsl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", CaFile, "-days", "1", "-subj", "/CN=" + name);
            OpenSsl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", ServerKeyFile, "-out", request, "-subj", "/CN=localhost");
            OpenSsl("x509", "-req", "-in", request, "-CA", CaFile, "-CAkey", caKey, "-CAcreateserial", "-out", ServerCertificateFile,
                "-days", "1", "-extfile", extensions);
        }

        /// <summary>PEM certificate of the CA, for clients.</summary>
        public string CaFile { get; }

        /// <summary>PEM server certificate, for the broker.</summary>
        public string ServerCertificateFile { get; }

        /// <summary>PEM server key (unencrypted), for the broker.</summary>
        public string ServerKeyFile { get; }

        /// <inheritdoc/>
        public void Dispose()
        {
            Directory.Delete(_directory, true);
        }

        private void OpenSsl(params string[] arguments)
        {
            ProcessStartInfo start = new ProcessStartInfo("openssl")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = _directory,
            };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("openssl " + string.Join(" ", arguments) + " failed: " + output.Result + error);
            }
        }
    }
}
