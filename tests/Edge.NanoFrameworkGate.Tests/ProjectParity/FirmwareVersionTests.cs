using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Edge.NanoFrameworkGate.Tests.ProjectParity
{
    /// <summary>
    /// One firmware version, defined once (FirmwareVersion.Text in firmware/Edge.Core/Configuration/FirmwareVersion.cs), is the
    /// version of every assembly the device runs (each deployed .nfproj compiles its Properties/AssemblyInfo.cs, which
    /// names the constant: the gate compiles the same files, so the gate's assemblies carry what the device build's do)
    /// and of the .NET builds (Directory.Build.props reads the constant). Before, every device assembly deployed as 0.0.0.0.
    /// </summary>
    public sealed class FirmwareVersionTests
    {
        /// <summary>The assemblies a unit runs: the application and the libraries it deploys with it.</summary>
        public static readonly string[] DeployedProjects = { "Edge.Core", "Edge.Core.Boards", "Edge.Core.Messaging", "Edge.Firmware", "Edge.Firmware.App" };

        public static IEnumerable<object[]> Deployed()
        {
            return DeployedProjects.Select(p => new object[] { p });
        }

        [Fact]
        public void TheVersionIsDefinedAsMajorMinorPatch()
        {
            Assert.Matches(@"^\d+\.\d+\.\d+$", DefinedVersion());
        }

        [Theory]
        [MemberData(nameof(Deployed))]
        public void EachDeployedNfprojCompilesItsAssemblyInfo(string project)
        {
            string nfproj = RepositoryFiles.PathOf("firmware", project, project + ".nfproj");
            string assemblyInfo = RepositoryFiles.PathOf("firmware", project, "Properties", "AssemblyInfo.cs");

            IReadOnlyList<string> sources = GateProjectParity.Sources(nfproj, XDocument.Load(nfproj), "Compile");

            Assert.Contains(assemblyInfo, sources);
            string text = File.ReadAllText(assemblyInfo);
            Assert.Contains("[assembly: AssemblyVersion(FirmwareVersion.Assembly)]", text, StringComparison.Ordinal);
            Assert.Contains("[assembly: AssemblyInformationalVersion(FirmwareVersion.Text)]", text, StringComparison.Ordinal);
        }

        [Theory]
        [MemberData(nameof(Deployed))]
        public void EachDeployedAssemblyCarriesTheFirmwareVersion(string project)
        {
            byte[] image = NanoGateFixture.DeviceAssemblies()[project];

            using (var pe = new PEReader(new MemoryStream(image)))
            {
                MetadataReader metadata = pe.GetMetadataReader();
                AssemblyDefinition assembly = metadata.GetAssemblyDefinition();

                Assert.Equal(new Version(DefinedVersion() + ".0"), assembly.Version);
                Assert.Equal(DefinedVersion(), InformationalVersion(metadata, assembly));
            }
        }

        [Fact]
        public void TheDotNetBuildsCarryTheFirmwareVersion()
        {
            // This assembly is one of the repository's .NET builds: its version comes from Directory.Build.props.
            Assert.Equal(new Version(DefinedVersion() + ".0"), typeof(FirmwareVersionTests).Assembly.GetName().Version);
            Assert.StartsWith(
                DefinedVersion(),
                typeof(FirmwareVersionTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>().InformationalVersion,
                StringComparison.Ordinal);
        }

        /// <summary>FirmwareVersion.Text as its source file defines it.</summary>
        private static string DefinedVersion()
        {
            string source = File.ReadAllText(RepositoryFiles.PathOf("firmware", "Edge.Core", "Configuration", "FirmwareVersion.cs"));
            Match text = Regex.Match(source, "public const string Text = \"([^\"]*)\";");
            Assert.True(text.Success, "FirmwareVersion.cs defines no Text");
            return text.Groups[1].Value;
        }

        /// <summary>The string argument of the assembly's AssemblyInformationalVersion attribute, or null.</summary>
        private static string InformationalVersion(MetadataReader metadata, AssemblyDefinition assembly)
        {
            foreach (CustomAttributeHandle handle in assembly.GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                MemberReference constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                TypeReference type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (metadata.GetString(type.Name) != "AssemblyInformationalVersionAttribute")
                {
                    continue;
                }

                // The blob: prolog 0x0001, then the string (a compressed length and UTF-8 bytes).
                BlobReader value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16();
                return value.ReadSerializedString();
            }

            return null;
        }
    }
}
