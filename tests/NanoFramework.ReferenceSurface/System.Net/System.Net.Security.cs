// Reference surface of nanoFramework's System.Net 1.11.54 (NuGet package nanoFramework.System.Net).
// Public signatures mirrored from nanoFramework's public repositories; bodies are
// placeholders because this assembly is only ever used as a compile-time reference.

using System;
using System.Collections;
using System.ComponentModel;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.Networking;
using nanoFramework.Runtime.Events;

namespace System.Net.Security
{
    public static class CertificateManager
    {
        public static bool AddCaCertificateBundle(byte[] ca) { throw null; }
        public static bool AddCaCertificateBundle(string ca) { throw null; }
        public static bool AddCaCertificateBundle(X509Certificate[] ca) { throw null; }
    }

    [Flags]
    public enum SslProtocols
    {
        None = 0,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls = 192,
        [Obsolete("This value is obsolete and unsecured and will be removed in a future version.")]
        Tls11 = 768,
        Tls12 = 3072,
        Tls13 = 12288,
    }

    public class SslStream : NetworkStream
    {
        public SslStream(Socket socket) : base(default(Socket)) { throw null; }
        public override bool DataAvailable { get { throw null; } }
        public bool IsServer { get { throw null; } }
        public override long Length { get { throw null; } }
        public SslVerification SslVerification { get { throw null; } set { } }
        public bool UseStoredDeviceCertificate { get { throw null; } set { } }
        public void AuthenticateAsClient(string targetHost, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsClient(string targetHost, X509Certificate clientCertificate, X509Certificate ca, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsServer(X509Certificate serverCertificate, SslProtocols enabledSslProtocols) { throw null; }
        public void AuthenticateAsServer(X509Certificate serverCertificate, bool clientCertificateRequired, SslProtocols enabledSslProtocols) { throw null; }
        protected override void Dispose(bool disposing) { throw null; }
        public override int Read(byte[] buffer, int offset, int size) { throw null; }
        public override void Write(byte[] buffer, int offset, int size) { throw null; }
        ~SslStream() { }
    }

    public enum SslVerification
    {
        NoVerification = 1,
        VerifyPeer = 2,
        CertificateRequired = 4,
        VerifyClientOnce = 8,
    }
}
