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
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Remoting;
using System.Runtime.Versioning;
using System.Text;
using System.Threading;
using nanoFramework.Networking;
using nanoFramework.Runtime.Events;

namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { throw null; }
        public X509Certificate(byte[] certificate) { throw null; }
        public X509Certificate(string certificate) { throw null; }
        protected DateTime _effectiveDate;
        protected DateTime _expirationDate;
        protected byte[] _handle;
        protected string _issuer;
        protected byte[] _sessionHandle;
        protected string _subject;
        public virtual string Issuer { get { throw null; } }
        public virtual string Subject { get { throw null; } }
        public virtual DateTime GetEffectiveDate() { throw null; }
        public virtual DateTime GetExpirationDate() { throw null; }
        public virtual byte[] GetRawCertData() { throw null; }
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() { throw null; }
        public X509Certificate2(byte[] rawData) { throw null; }
        public X509Certificate2(string certificate) { throw null; }
        public X509Certificate2(byte[] rawData, byte[] key, string password) { throw null; }
        public X509Certificate2(byte[] rawData, string key, string password) { throw null; }
        public X509Certificate2(string rawData, string key, string password) { throw null; }
        public bool HasPrivateKey { get { throw null; } }
        public DateTime NotAfter { get { throw null; } }
        public DateTime NotBefore { get { throw null; } }
        public byte[] PrivateKey { get { throw null; } }
        public byte[] PublicKey { get { throw null; } }
        public byte[] RawData { get { throw null; } }
    }
}
