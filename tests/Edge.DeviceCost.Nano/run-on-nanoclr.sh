#!/usr/bin/env bash
# Runs the device-cost benchmark (Program.cs here) on nanoFramework's real runtime: nanoCLR built for
# Linux from nf-interpreter's POSIX target, the genuine mscorlib from NuGet, System.Math and
# nanoFramework.Runtime.Native built from their sources, and the core's assemblies converted to .pe by
# nanoFramework's own metadata processor. Nothing here is an ESP32: the figures are nanoCLR's on this
# host; the behaviour (exceptions, allocation, published bytes) is the runtime's own.
#
# Needs the .NET SDK, cmake, ninja and a C++ compiler, and four source checkouts (not part of this
# repository; any recent commit):
#   --nf-interpreter DIR      github.com/nanoframework/nf-interpreter (targets/posix)
#   --metadata-processor DIR  github.com/nanoframework/metadata-processor
#   --system-math DIR         github.com/nanoframework/System.Math
#   --runtime-native DIR      github.com/nanoframework/nanoFramework.Runtime.Native
# Optional: --work DIR (build folder, default a new temporary one; reuse it to skip the nanoCLR build).
set -euo pipefail

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

nf_interpreter= metadata_processor= system_math= runtime_native= work=
while [ $# -gt 0 ]; do
    case "$1" in
        --nf-interpreter) nf_interpreter=${2:-}; shift 2 ;;
        --metadata-processor) metadata_processor=${2:-}; shift 2 ;;
        --system-math) system_math=${2:-}; shift 2 ;;
        --runtime-native) runtime_native=${2:-}; shift 2 ;;
        --work) work=${2:-}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "run-on-nanoclr.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

require() {
    # $1 option, $2 value, $3 a path that must exist under it
    if [ -z "$2" ] || [ ! -e "$2/$3" ]; then
        echo "run-on-nanoclr.sh: $1 must name a checkout that has $3" >&2
        exit 2
    fi
}
require --nf-interpreter "$nf_interpreter" targets/posix/CMakeLists.txt
require --metadata-processor "$metadata_processor" MetadataProcessor.Shared
require --system-math "$system_math" nanoFramework.System.Math/Math.cs
require --runtime-native "$runtime_native" nanoFramework.Runtime.Native/GC.cs
for tool in dotnet cmake ninja c++; do
    command -v "$tool" > /dev/null || { echo "run-on-nanoclr.sh: '$tool' is not installed" >&2; exit 2; }
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${work:-$(mktemp -d)}
mkdir -p "$work"
work=$(cd "$work" && pwd)
nf_interpreter=$(cd "$nf_interpreter" && pwd)
metadata_processor=$(cd "$metadata_processor" && pwd)
system_math=$(cd "$system_math" && pwd)
runtime_native=$(cd "$runtime_native" && pwd)
echo "work folder: $work"

echo "== nanoCLR (POSIX target, Release)"
if [ ! -x "$work/nanoclr/bin/nanoFramework.nanoCLR.test" ]; then
    cmake -S "$nf_interpreter/targets/posix" -B "$work/nanoclr" -G Ninja -DCMAKE_BUILD_TYPE=Release > "$work/nanoclr-configure.log"
    cmake --build "$work/nanoclr" > "$work/nanoclr-build.log"
fi
nanoclr="$work/nanoclr/bin/nanoFramework.nanoCLR.test"

echo "== mscorlib (NuGet nanoFramework.CoreLibrary 1.17.11)"
mkdir -p "$work/corelib"
cat > "$work/corelib/corelib.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="nanoFramework.CoreLibrary" Version="[1.17.11]" /></ItemGroup>
</Project>
PROJECT
dotnet restore "$work/corelib/corelib.csproj" --packages "$work/packages" > "$work/corelib-restore.log"
mscorlib_dir="$work/packages/nanoframework.corelibrary/1.17.11/lib"

# A nanoFramework class library from its sources, against the genuine mscorlib, signed with its own key
# and carrying the version the firmware pins: $1 assembly name, $2 source folder, $3 version.
build_library() {
    mkdir -p "$work/$1"
    cat > "$work/$1/$1.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <AssemblyName>$1</AssemblyName>
    <NoStdLib>true</NoStdLib>
    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
    <EnableDefaultItems>false</EnableDefaultItems>
    <GenerateAssemblyInfo>false</GenerateAssemblyInfo>
    <GenerateTargetFrameworkAttribute>false</GenerateTargetFrameworkAttribute>
    <RuntimeMetadataVersion>v4.0.30319</RuntimeMetadataVersion>
    <Optimize>true</Optimize>
    <SignAssembly>true</SignAssembly>
    <AssemblyOriginatorKeyFile>$2/key.snk</AssemblyOriginatorKeyFile>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$2/**/*.cs" />
    <Compile Include="Version.cs" />
    <Reference Include="mscorlib"><HintPath>$mscorlib_dir/mscorlib.dll</HintPath></Reference>
  </ItemGroup>
</Project>
PROJECT
    echo "[assembly: System.Reflection.AssemblyVersion(\"$3.0\")]" > "$work/$1/Version.cs"
    dotnet build -c Release "$work/$1/$1.csproj" -o "$work/$1/out" > "$work/$1-build.log"
}
echo "== System.Math 1.5.116 and nanoFramework.Runtime.Native 1.7.11 from their sources"
build_library System.Math "$system_math/nanoFramework.System.Math" 1.5.116
build_library nanoFramework.Runtime.Native "$runtime_native/nanoFramework.Runtime.Native" 1.7.11

echo "== the core and the benchmark (the nanoFramework gate's Release build)"
dotnet build -c Release "$repo/tests/Edge.NanoFrameworkGate/Edge.DeviceCost.Nano.Gate.csproj" > "$work/gate-build.log"
gate_out() { echo "$repo/tests/Edge.NanoFrameworkGate/bin/$1/Release/netstandard2.0/$2.dll"; }

echo "== metadata processor"
dotnet build -c Release "$here/PeConverter/PeConverter.csproj" -p:MetadataProcessorSource="$metadata_processor" -o "$work/pe-converter" > "$work/pe-converter-build.log"

mkdir -p "$work/pe"
cp "$mscorlib_dir/mscorlib.pe" "$work/pe/"
hints=(
    "mscorlib=$mscorlib_dir/mscorlib.dll"
    "System.Math=$work/System.Math/out/System.Math.dll"
    "nanoFramework.Runtime.Native=$work/nanoFramework.Runtime.Native/out/nanoFramework.Runtime.Native.dll"
    "Edge.Core=$(gate_out Edge.Core.Gate Edge.Core)"
    "Edge.Core.Boards=$(gate_out Edge.Core.Boards.Gate Edge.Core.Boards)"
    "Edge.Core.Messaging=$(gate_out Edge.Core.Messaging.Gate Edge.Core.Messaging)"
)
convert() { dotnet "$work/pe-converter/pe-converter.dll" "$1" "$work/pe/$2.pe" "${hints[@]}"; }
convert "$work/System.Math/out/System.Math.dll" System.Math
convert "$work/nanoFramework.Runtime.Native/out/nanoFramework.Runtime.Native.dll" nanoFramework.Runtime.Native
convert "$(gate_out Edge.Core.Gate Edge.Core)" Edge.Core
convert "$(gate_out Edge.Core.Boards.Gate Edge.Core.Boards)" Edge.Core.Boards
convert "$(gate_out Edge.Core.Messaging.Gate Edge.Core.Messaging)" Edge.Core.Messaging
convert "$(gate_out Edge.DeviceCost.Nano.Gate Edge.DeviceCost.Nano)" Edge.DeviceCost.Nano

# The firmware's own assemblies are converted here too, as the official build converts them: each must pass
# the metadata processor, in the Debug build that Deploy sends as well as in Release. (The on-device tests run
# on this nanoCLR through firmware/Edge.Firmware.Tests/run-on-nanoclr.sh, given this work folder.) The libraries they use are named by
# the reference surface, whose assemblies carry the real names and signatures. The on-device test projects each build an
# assembly named NFUnitTest; the second's and third's .pe are written as NFUnitTest.ServiceTests.pe and
# NFUnitTest.PersistenceTests.pe beside the first.
echo "== the firmware's assemblies through the metadata processor (converted, not run)"
surface="$repo/tests/NanoFramework.ReferenceSurface"
for configuration in Release Debug; do
    firmware_hints=("mscorlib=$mscorlib_dir/mscorlib.dll")
    for project in Edge.Core Edge.Core.Boards Edge.Core.Messaging Edge.Firmware Edge.Firmware.App Edge.Firmware.Tests \
        Edge.Firmware.ServiceTests Edge.Firmware.PersistenceTests; do
        dotnet build -c "$configuration" "$repo/tests/Edge.NanoFrameworkGate/$project.Gate.csproj" > "$work/gate-$project-$configuration.log"
    done
    for library in "$surface"/*/; do
        name=$(basename "$library")
        dll="$library/bin/$configuration/netstandard2.0/$name.dll"
        if [ "$name" != mscorlib ] && [ -f "$dll" ]; then
            firmware_hints+=("$name=$dll")
        fi
    done
    for part in Edge.Core Edge.Core.Boards Edge.Core.Messaging Edge.Firmware; do
        firmware_hints+=("$part=$repo/tests/Edge.NanoFrameworkGate/bin/$part.Gate/$configuration/netstandard2.0/$part.dll")
    done
    mkdir -p "$work/firmware-pe/$configuration"
    # gate project:assembly:.pe file
    for triple in Edge.Core.Gate:Edge.Core:Edge.Core Edge.Core.Boards.Gate:Edge.Core.Boards:Edge.Core.Boards \
        Edge.Core.Messaging.Gate:Edge.Core.Messaging:Edge.Core.Messaging Edge.Firmware.Gate:Edge.Firmware:Edge.Firmware \
        Edge.Firmware.App.Gate:Edge.Firmware.App:Edge.Firmware.App Edge.Firmware.Tests.Gate:NFUnitTest:NFUnitTest \
        Edge.Firmware.ServiceTests.Gate:NFUnitTest:NFUnitTest.ServiceTests \
        Edge.Firmware.PersistenceTests.Gate:NFUnitTest:NFUnitTest.PersistenceTests; do
        gate=${triple%%:*} assembly=${triple#*:} pe=${triple##*:}
        assembly=${assembly%%:*}
        printf '  %-8s' "$configuration"
        dotnet "$work/pe-converter/pe-converter.dll" \
            "$repo/tests/Edge.NanoFrameworkGate/bin/$gate/$configuration/netstandard2.0/$assembly.dll" \
            "$work/firmware-pe/$configuration/$pe.pe" "${firmware_hints[@]}"
    done
done

echo "== nanoCLR"
cd "$work/pe"
"$nanoclr" mscorlib.pe System.Math.pe nanoFramework.Runtime.Native.pe Edge.Core.pe Edge.Core.Boards.pe Edge.Core.Messaging.pe \
    Edge.DeviceCost.Nano.pe \
    > "$work/nanoclr-run.log" 2>&1 || true
sed -n '/^Ready\./,$p' "$work/nanoclr-run.log"
# The benchmark's last line carries the checksum; anything else (a load error, an exception) is a failure.
grep -q "payload checksum" "$work/nanoclr-run.log" || { echo "run-on-nanoclr.sh: the benchmark did not finish (log: $work/nanoclr-run.log)" >&2; exit 1; }
grep -q "^Hard short check: passed" "$work/nanoclr-run.log" || { echo "run-on-nanoclr.sh: the hard-short check did not pass on nanoCLR" >&2; exit 1; }

# With mono installed, the same checks on .NET's side (the Mono proxy, same frames and ticks) must print the
# same checksums: boot on each board, the command replies, every published byte.
if command -v mono > /dev/null; then
    echo "== the same checks on Mono"
    dotnet build -c Release "$repo/tests/Edge.DeviceCost/Edge.DeviceCost.csproj" > "$work/mono-proxy-build.log"
    mono "$repo/tests/Edge.DeviceCost/bin/Release/net472/Edge.DeviceCost.exe" --warmup 18000 --ticks 3000 --rounds 5 --checksum \
        > "$work/mono-run.log" 2>&1
    checksums() { grep -oE "(Board boot [a-z0-9-]+: checksum [0-9a-f]{8}|Command check: .*checksum [0-9a-f]{8}|payload checksum [0-9a-f]{8})" "$1"; }
    if [ "$(checksums "$work/nanoclr-run.log")" = "$(checksums "$work/mono-run.log")" ] && [ -n "$(checksums "$work/mono-run.log")" ]; then
        echo "nanoCLR and Mono print the same checksums:"
        checksums "$work/mono-run.log" | sed 's/^/  /'
    else
        echo "run-on-nanoclr.sh: nanoCLR and Mono differ:" >&2
        diff <(checksums "$work/nanoclr-run.log") <(checksums "$work/mono-run.log") >&2 || true
        exit 1
    fi
fi
