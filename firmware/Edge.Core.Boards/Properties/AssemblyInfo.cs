// Licensed under the MIT License.

using System.Reflection;
using Edge.Core.Configuration;

// The deployed assembly's version is the firmware's (FirmwareVersion, in Edge.Core.Configuration): nanoff --devicedetails lists it.
// The .NET build of this project does not compile this file; it takes the same number from Directory.Build.props.
[assembly: AssemblyTitle("Edge.Core.Boards")]
[assembly: AssemblyDescription("Edge pack controller: the shared control core: boards, their measurement front ends and calibration")]
[assembly: AssemblyProduct("Edge pack controller")]
[assembly: AssemblyVersion(FirmwareVersion.Assembly)]
[assembly: AssemblyFileVersion(FirmwareVersion.Assembly)]
[assembly: AssemblyInformationalVersion(FirmwareVersion.Text)]
