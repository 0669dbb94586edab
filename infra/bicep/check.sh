#!/usr/bin/env bash
# Compiles and lints every Bicep file with the bicep CLI from the Azure.Bicep.CommandLine NuGet
# package (restored like any other package: only the .NET SDK and a NuGet feed are needed), and
# fails on any diagnostic at all, warning or error. Writes the ARM template to artifacts/bicep/main.json.
#   bash infra/bicep/check.sh          (./build.sh test runs it)
set -euo pipefail
cd "$(dirname "$0")"
repo_root=$(cd ../.. && pwd)
tools_project=tools/BicepCli.proj
bicep_version=$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' "$tools_project")
package_dir=azure.bicep.commandline.linux-x64/$bicep_version

# The restore writes the global packages folder it used into the assets file: read it from there, so
# a NUGET_PACKAGES or NuGet.Config override is honoured without asking NuGet again on every run.
packages_root() {
  local root
  root=$(sed -n '/"packageFolders"/{n;s/^ *"\(.*\)": {}.*/\1/p;q}' tools/obj/project.assets.json 2>/dev/null || true)
  if [ -n "$root" ]; then echo "${root%/}/"; fi
}

bicep=$(packages_root)$package_dir/tools/bicep
if [ ! -f "$bicep" ] || [ "$tools_project" -nt tools/obj/project.assets.json ]; then
  echo "==> restoring the bicep CLI $bicep_version (NuGet: Azure.Bicep.CommandLine.linux-x64)"
  dotnet restore "$tools_project" --nologo -v quiet
  bicep=$(packages_root)$package_dir/tools/bicep
fi
[ -f "$bicep" ] || { echo "bicep CLI not found at $bicep after restore" >&2; exit 1; }
[ -x "$bicep" ] || chmod +x "$bicep"

# The CLI is a .NET app: invariant globalization lets it run on machines without ICU installed.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

out_dir="$repo_root/artifacts/bicep"
mkdir -p "$out_dir"
lint_log=$(mktemp) build_log=$(mktemp)
trap 'rm -f "$lint_log" "$build_log"' EXIT

# Lint every .bicep and .bicepparam file (modules on their own too) while main.bicep compiles: two
# processes at once, because each spends most of its ~2 s starting up.
"$bicep" lint --pattern '**/*.bicep*' >"$lint_log" 2>&1 &
lint_pid=$!
build_status=0
"$bicep" build main.bicep --outfile "$out_dir/main.json" >"$build_log" 2>&1 || build_status=$?
lint_status=0
wait "$lint_pid" || lint_status=$?

cat "$lint_log" "$build_log"
if [ "$lint_status" -ne 0 ] || [ "$build_status" -ne 0 ] || [ -s "$lint_log" ] || [ -s "$build_log" ]; then
  rm -f "$out_dir/main.json" # nothing downstream may use a template that failed its check
  echo "bicep: diagnostics above (warnings count as errors)" >&2
  exit 1
fi
echo "bicep $bicep_version: $(find . -name '*.bicep' -o -name '*.bicepparam' | grep -vc '/tools/') files lint clean; wrote artifacts/bicep/main.json"
