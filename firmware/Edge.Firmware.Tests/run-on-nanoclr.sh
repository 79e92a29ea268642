#!/usr/bin/env bash
# Runs the on-device tests on nanoFramework's real runtime under the real test launcher, every test assembly
# (this folder, ../Edge.Firmware.ServiceTests and ../Edge.Firmware.PersistenceTests, each named NFUnitTest, each in its own nanoCLR run as each is
# deployed on its own): nanoCLR built for Linux from nf-interpreter's POSIX target, the genuine mscorlib, and every library
# whose natives that nanoCLR carries built from its sources; the rest (ADC, PWM, DAC, ESP32, network, MQTT,
# file system) are the reference surface's placeholders, which load because that nanoCLR has no natives for
# them to check against, and throw if called. The tests use fakes for the hardware, so none calls them.
#
# First run tests/Edge.DeviceCost.Nano/run-on-nanoclr.sh with --work DIR: it builds nanoCLR, the metadata
# processor, mscorlib, System.Math and Runtime.Native there. Then, with the same --work DIR, this script needs
# six more source checkouts of github.com/nanoframework (any recent commit):
#   --test-framework DIR       nanoFramework.TestFramework (the test framework and its launcher)
#   --system-text DIR          nanoFramework.System.Text
#   --system-collections DIR   nanoFramework.System.Collections
#   --runtime-events DIR       nanoFramework.Runtime.Events
#   --gpio DIR                 System.Device.Gpio
#   --io-ports DIR             System.IO.Ports
# It prints the launcher's line for every test, each assembly's counts and the total, and exits 1 unless every
# test passed and every nanoCLR run ended cleanly.
# Then it starts the application (Edge.Firmware.App) on the same runtime for 20 s: without ESP32 natives its
# supervised boot must fail at a hardware step, say so with every switch open, and retry with back-off, and
# Main must not end; it exits 1 otherwise.
set -euo pipefail

usage() {
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

work= test_framework= system_text= system_collections= runtime_events= gpio= io_ports=
while [ $# -gt 0 ]; do
    case "$1" in
        --work) work=${2:-}; shift 2 ;;
        --test-framework) test_framework=${2:-}; shift 2 ;;
        --system-text) system_text=${2:-}; shift 2 ;;
        --system-collections) system_collections=${2:-}; shift 2 ;;
        --runtime-events) runtime_events=${2:-}; shift 2 ;;
        --gpio) gpio=${2:-}; shift 2 ;;
        --io-ports) io_ports=${2:-}; shift 2 ;;
        -h|--help) usage ;;
        *) echo "run-on-nanoclr.sh: unknown argument '$1'" >&2; usage ;;
    esac
done

require() {
    # $1 option, $2 value, $3 a path that must exist under it
    if [ -z "$2" ] || [ ! -e "$2/$3" ]; then
        echo "run-on-nanoclr.sh: $1 must name a folder that has $3" >&2
        exit 2
    fi
}
require --work "$work" nanoclr/bin/nanoFramework.nanoCLR.test
require --work "$work" pe-converter/pe-converter.dll
require --test-framework "$test_framework" source/UnitTestLauncher/Program.cs
require --system-text "$system_text" nanoFramework.System.Text/nanoFramework.System.Text.nfproj
require --system-collections "$system_collections" nanoFramework.System.Collections/nanoFramework.System.Collections.nfproj
require --runtime-events "$runtime_events" nanoFramework.Runtime.Events/nanoFramework.Runtime.Events.nfproj
require --gpio "$gpio" System.Device.Gpio/System.Device.Gpio.nfproj
require --io-ports "$io_ports" System.IO.Ports/System.IO.Ports.nfproj

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(cd "$work" && pwd)
mscorlib_dir="$work/packages/nanoframework.corelibrary/1.17.11/lib"
surface="$repo/tests/NanoFramework.ReferenceSurface"
out="$work/unit-tests"
mkdir -p "$out/pe"

# A library from its sources against the genuine mscorlib, at the version the firmware pins: $1 assembly name,
# $2 key file, $3 version, $4 output type, $5 a file listing its sources, then NAME=PATH references.
# C# 10: from C# 11 on the compiler adds two attribute types of its own to the assembly, which moves every
# method's index, and nanoCLR finds a native method by its index in the table the checksum only names.
build_library() {
    local name=$1 key=$2 version=$3 type=$4 sources=$5
    shift 5
    mkdir -p "$out/$name"
    {
        echo "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>"
        echo "<TargetFramework>netstandard2.0</TargetFramework><AssemblyName>$name</AssemblyName><OutputType>$type</OutputType>"
        echo "<NoStdLib>true</NoStdLib><DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>"
        echo "<EnableDefaultItems>false</EnableDefaultItems><GenerateAssemblyInfo>false</GenerateAssemblyInfo>"
        echo "<GenerateTargetFrameworkAttribute>false</GenerateTargetFrameworkAttribute><RuntimeMetadataVersion>v4.0.30319</RuntimeMetadataVersion>"
        echo "<Optimize>true</Optimize><LangVersion>10</LangVersion><AllowUnsafeBlocks>true</AllowUnsafeBlocks>"
        echo "<SignAssembly>true</SignAssembly><AssemblyOriginatorKeyFile>$key</AssemblyOriginatorKeyFile><NoWarn>\$(NoWarn);CS1591</NoWarn>"
        echo "</PropertyGroup><ItemGroup>"
        while read -r source; do echo "<Compile Include=\"$source\" />"; done < "$sources"
        echo "<Compile Include=\"Version.cs\" />"
        echo "<Reference Include=\"mscorlib\"><HintPath>$mscorlib_dir/mscorlib.dll</HintPath></Reference>"
        for reference in "$@"; do echo "<Reference Include=\"${reference%%=*}\"><HintPath>${reference#*=}</HintPath></Reference>"; done
        echo "</ItemGroup></Project>"
    } > "$out/$name/$name.csproj"
    echo "[assembly: System.Reflection.AssemblyVersion(\"$version.0\")]" > "$out/$name/Version.cs"
    dotnet build -c Release "$out/$name/$name.csproj" -o "$out/$name/out" > "$out/$name-build.log" || {
        echo "run-on-nanoclr.sh: $name does not build (log: $out/$name-build.log)" >&2
        exit 1
    }
}

# The sources a .nfproj compiles (its Compile items, without AssemblyInfo), as absolute paths: $1 the project.
nfproj_sources() {
    local folder
    folder=$(dirname "$1")
    grep -oE 'Compile Include="[^"]+"' "$1" | sed -E 's/Compile Include="([^"]+)"/\1/' | tr '\\' '/' \
        | grep -v 'AssemblyInfo' | sed "s#^#$folder/#"
}

library() { echo "$out/$1/out/$1.dll"; }

echo "== the test framework and the libraries with natives in nanoCLR, from their sources"
find "$test_framework/source/TestFramework" "$test_framework/source/TestFrameworkShared" -maxdepth 1 -name '*.cs' > "$out/test-framework.sources"
build_library nanoFramework.TestFramework "$test_framework/source/TestFramework/key.snk" 3.0.77 Library "$out/test-framework.sources"
echo "$test_framework/source/UnitTestLauncher/Program.cs" > "$out/launcher.sources"
build_library nanoFramework.UnitTestLauncher "$test_framework/source/UnitTestLauncher/key.snk" 3.0.77 Exe "$out/launcher.sources" \
    "nanoFramework.TestFramework=$(library nanoFramework.TestFramework)"
nfproj_sources "$system_text/nanoFramework.System.Text/nanoFramework.System.Text.nfproj" > "$out/text.sources"
build_library nanoFramework.System.Text "$system_text/nanoFramework.System.Text/key.snk" 1.3.42 Library "$out/text.sources"
nfproj_sources "$system_collections/nanoFramework.System.Collections/nanoFramework.System.Collections.nfproj" > "$out/collections.sources"
build_library nanoFramework.System.Collections "$system_collections/nanoFramework.System.Collections/key.snk" 1.5.75 Library "$out/collections.sources"
nfproj_sources "$runtime_events/nanoFramework.Runtime.Events/nanoFramework.Runtime.Events.nfproj" > "$out/events.sources"
build_library nanoFramework.Runtime.Events "$runtime_events/nanoFramework.Runtime.Events/key.snk" 1.11.39 Library "$out/events.sources"
nfproj_sources "$gpio/System.Device.Gpio/System.Device.Gpio.nfproj" > "$out/gpio.sources"
build_library System.Device.Gpio "$gpio/System.Device.Gpio/key.snk" 1.1.62 Library "$out/gpio.sources" \
    "nanoFramework.Runtime.Events=$(library nanoFramework.Runtime.Events)"
# System.IO.Ports compiles against the reference surface's System.IO.Streams (nanoCLR has no natives for it):
# built here, so that a fresh clone needs no build beforehand.
dotnet build -c Release "$surface/System.IO.Streams/System.IO.Streams.csproj" > "$out/System.IO.Streams-build.log" || {
    echo "run-on-nanoclr.sh: the reference surface's System.IO.Streams does not build (log: $out/System.IO.Streams-build.log)" >&2
    exit 1
}
nfproj_sources "$io_ports/System.IO.Ports/System.IO.Ports.nfproj" > "$out/ports.sources"
build_library System.IO.Ports "$io_ports/System.IO.Ports/key.snk" 1.1.139 Library "$out/ports.sources" \
    "nanoFramework.Runtime.Events=$(library nanoFramework.Runtime.Events)" \
    "nanoFramework.System.Text=$(library nanoFramework.System.Text)" \
    "System.IO.Streams=$surface/System.IO.Streams/bin/Release/netstandard2.0/System.IO.Streams.dll"

# The on-device test projects: each builds an assembly named NFUnitTest, the only name the launcher loads.
test_projects=(Edge.Firmware.Tests Edge.Firmware.ServiceTests Edge.Firmware.PersistenceTests)

echo "== the on-device tests (the nanoFramework gate's Release build)"
for project in "${test_projects[@]}"; do
    dotnet build -c Release "$repo/tests/Edge.NanoFrameworkGate/$project.Gate.csproj" > "$out/gate-build-$project.log" || {
        echo "run-on-nanoclr.sh: the gate of $project does not build (log: $out/gate-build-$project.log)" >&2
        exit 1
    }
done
gate_out() { echo "$repo/tests/Edge.NanoFrameworkGate/bin/$1.Gate/Release/netstandard2.0/$2.dll"; }

echo "== everything through the metadata processor"
built=(nanoFramework.TestFramework nanoFramework.UnitTestLauncher nanoFramework.System.Text nanoFramework.System.Collections
    nanoFramework.Runtime.Events System.Device.Gpio System.IO.Ports)
hints=("mscorlib=$mscorlib_dir/mscorlib.dll"
    "System.Math=$work/System.Math/out/System.Math.dll"
    "nanoFramework.Runtime.Native=$work/nanoFramework.Runtime.Native/out/nanoFramework.Runtime.Native.dll")
for name in "${built[@]}"; do
    hints+=("$name=$(library "$name")")
done

has_hint() {
    # A loop, not printf | grep -q: grep -q quits at its first match, printf can then die of SIGPIPE, and under
    # pipefail a library built from source would be taken for a placeholder.
    local hint
    for hint in "${hints[@]}"; do
        if [ "${hint%%=*}" = "$1" ]; then
            return 0
        fi
    done
    return 1
}

placeholders=()
for folder in "$surface"/*/; do
    name=$(basename "$folder")
    dll="$folder/bin/Release/netstandard2.0/$name.dll"
    if [ -f "$dll" ] && ! has_hint "$name"; then
        hints+=("$name=$dll")
        placeholders+=("$name")
    fi
done

for part in Edge.Core Edge.Core.Boards Edge.Core.Messaging Edge.Firmware; do
    hints+=("$part=$(gate_out "$part" "$part")")
done

rm -f "$out/pe/"*.pe
cp "$mscorlib_dir/mscorlib.pe" "$out/pe/"
convert() { dotnet "$work/pe-converter/pe-converter.dll" "$1" "$out/pe/$2.pe" "${hints[@]}" | sed 's/^/  /'; }
convert "$work/System.Math/out/System.Math.dll" System.Math
convert "$work/nanoFramework.Runtime.Native/out/nanoFramework.Runtime.Native.dll" nanoFramework.Runtime.Native
for name in "${built[@]}"; do
    convert "$(library "$name")" "$name"
done

echo "  placeholders (no natives in this nanoCLR): ${placeholders[*]}"
for name in "${placeholders[@]}"; do
    convert "$surface/$name/bin/Release/netstandard2.0/$name.dll" "$name" > /dev/null
done

for part in Edge.Core Edge.Core.Boards Edge.Core.Messaging Edge.Firmware; do
    convert "$(gate_out "$part" "$part")" "$part"
done

# Each test assembly is deployed on its own, beside the same libraries: its own folder of .pe files.
for project in "${test_projects[@]}"; do
    rm -rf "$out/$project-pe"
    mkdir -p "$out/$project-pe"
    cp "$out/pe/"*.pe "$out/$project-pe/"
    echo "  $project:"
    dotnet "$work/pe-converter/pe-converter.dll" "$(gate_out "$project" NFUnitTest)" "$out/$project-pe/NFUnitTest.pe" "${hints[@]}" | sed 's/^/    /'
done

total_passed=0 total_failed=0 total_skipped=0 verdict=0
for project in "${test_projects[@]}"; do
    echo "== nanoCLR: the launcher runs every test class of $project"
    log="$out/nanoclr-run-$project.log"
    cd "$out/$project-pe"
    status=0
    "$work/nanoclr/bin/nanoFramework.nanoCLR.test" ./*.pe > "$log" 2>&1 || status=$?
    # No test line at all must reach the verdict below, not end the script here (set -e with pipefail).
    { grep -E '^Test (passed|failed|skipped),' "$log" || true; } | cut -d, -f1-3 | sed 's/^/  /'
    passed=$(grep -c '^Test passed,' "$log" || true)
    failed=$(grep -c '^Test failed,' "$log" || true)
    skipped=$(grep -c '^Test skipped,' "$log" || true)
    echo "$project: passed $passed, failed $failed, skipped $skipped (log: $log)"
    total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
    if grep -q 'Invalid native checksum' "$log"; then
        grep -A1 'Invalid native checksum' "$log" >&2
        echo "run-on-nanoclr.sh: nanoCLR refused a library: its native checksum does not match this nanoCLR" >&2
        verdict=1
    fi

    if [ "$status" -ne 0 ] || ! grep -q '^Done\.' "$log"; then
        echo "run-on-nanoclr.sh: nanoCLR did not end cleanly on $project (exit $status)" >&2
        verdict=1
    fi

    if [ "$passed" -eq 0 ] || [ "$failed" -ne 0 ]; then
        verdict=1
    fi
done

echo "all on-device tests: passed $total_passed, failed $total_failed, skipped $total_skipped"
if [ "$verdict" -ne 0 ]; then
    exit 1
fi

echo "== the application on the same nanoCLR, for 20 s"
# The gate builds the application as a library; as the .nfproj does, build its Program as an executable.
mkdir -p "$out/app/pe"
cat > "$out/app/app.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework><AssemblyName>Edge.Firmware.App</AssemblyName><OutputType>Exe</OutputType>
    <NoStdLib>true</NoStdLib><DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
    <EnableDefaultItems>false</EnableDefaultItems><GenerateAssemblyInfo>false</GenerateAssemblyInfo>
    <GenerateTargetFrameworkAttribute>false</GenerateTargetFrameworkAttribute><RuntimeMetadataVersion>v4.0.30319</RuntimeMetadataVersion>
    <LangVersion>8.0</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$repo/firmware/Edge.Firmware.App/**/*.cs" Exclude="$repo/firmware/Edge.Firmware.App/bin/**;$repo/firmware/Edge.Firmware.App/obj/**" />
    <Reference Include="mscorlib"><HintPath>$mscorlib_dir/mscorlib.dll</HintPath></Reference>
    <Reference Include="Edge.Core"><HintPath>$(gate_out Edge.Core Edge.Core)</HintPath></Reference>
    <Reference Include="Edge.Core.Boards"><HintPath>$(gate_out Edge.Core.Boards Edge.Core.Boards)</HintPath></Reference>
    <Reference Include="Edge.Core.Messaging"><HintPath>$(gate_out Edge.Core.Messaging Edge.Core.Messaging)</HintPath></Reference>
    <Reference Include="Edge.Firmware"><HintPath>$(gate_out Edge.Firmware Edge.Firmware)</HintPath></Reference>
  </ItemGroup>
</Project>
PROJECT
if ! dotnet build -c Release "$out/app/app.csproj" -o "$out/app/out" > "$out/app-build.log" 2>&1; then
    grep -E ' error ' "$out/app-build.log" | sort -u | sed 's/^/  /' >&2 || true
    echo "run-on-nanoclr.sh: the application did not build (log: $out/app-build.log)" >&2
    exit 1
fi
rm -f "$out/app/pe/"*.pe
cp "$out/pe/"*.pe "$out/app/pe/"
rm -f "$out/app/pe/NFUnitTest.pe" "$out/app/pe/nanoFramework.UnitTestLauncher.pe" "$out/app/pe/nanoFramework.TestFramework.pe"
dotnet "$work/pe-converter/pe-converter.dll" "$out/app/out/Edge.Firmware.App.dll" "$out/app/pe/Edge.Firmware.App.pe" "${hints[@]}" | sed 's/^/  /'
cd "$out/app/pe"
timeout 20 "$work/nanoclr/bin/nanoFramework.nanoCLR.test" ./*.pe > "$out/app-run.log" 2>&1 || true
sed -n '/^Ready\./,$p' "$out/app-run.log" | sed '1d; s/^/  /'
# This nanoCLR has no GPIO natives: the drive-off step fails, and the event must say that only the pull-downs hold
# the switches open.
retries=$(grep -c "^boot-failed: step drive-off: .*; switch pins not driven (drive-off failed): the board's pull-downs hold the switches open, retrying in" "$out/app-run.log" || true)
if ! grep -q '^Edge controller starting' "$out/app-run.log" || [ "$retries" -lt 3 ] \
    || grep -q -E 'main thread stopped|Unhandled exception|^Done\.' "$out/app-run.log"; then
    echo "run-on-nanoclr.sh: the application did not keep retrying its boot (log: $out/app-run.log)" >&2
    exit 1
fi

echo "the application started, its boot failed at the drive-off step (switches left to the pull-downs, as it says) and was retried $retries times"
