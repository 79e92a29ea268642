// Licensed under the MIT License.

namespace NFUnitTest.Support
{
    /// <summary>
    /// A throw-away self-signed P-256 certificate, made with openssl for the TLS settings tests (390 bytes of DER: a
    /// SEQUENCE of length 0x0182 = 386 after its 4-byte header). It secures nothing. Shared by link with
    /// Edge.Firmware.PersistenceTests, whose settings tests read it, so that each assembly holds it once.
    /// </summary>
    internal static class TestCertificate
    {
        internal const string Pem = "-----BEGIN CERTIFICATE-----\nMIIBgjCCASmgAwIBAgIUR1TK0MnHwbCrVSpoFKksPkW3r3MwCgYIKoZIzj0EAwIw\nFzEVMBMGA1UEAwwMRWRnZSBUZXN0IENBMB4XDTI2MTIwMjA1MTI1M1oXDTM2MTEy\nOTA1MTI1M1owFzEVMBMGA1UEAwwMRWRnZSBUZXN0IENBMFkwEwYHKoZIzj0CAQYI\nKoZIzj0DAQcDQgAEEJ0mrWPqNUJMzLVSpJpLqOIq6Y7E+IPb1VuffoOYJDUDWht1\nOD+kz3YMCHtuEBzcOWnWMnVY8TCy0nGLioLbTaNTMFEwHQYDVR0OBBYEFPr0VQFw\nkGz2zQEeMltIBIIByURGMB8GA1UdIwQYMBaAFPr0VQFwkGz2zQEeMltIBIIByURG\nMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgMln9krrtr8Jib9G6\n8GOFLJr4bTwsKpQ4/pUM6YzmYlQCIEuiFcmgHtQuPSVbiE6BiYwgFDvKubxT3p7q\niiVWsO4Y\n-----END CERTIFICATE-----";
    }
}
