# Builds target\wix\pecat-VERSION-x86_64.msi on Windows from packaging\windows\pecat.wxs.
# Needs: Rust (x86_64-pc-windows-msvc), the .NET SDK and WiX v4 or later:
#   dotnet tool install --global wix
#   wix extension add --global WixToolset.UI.wixext
# Run from anywhere: powershell -File packaging\windows\build-msi.ps1
$ErrorActionPreference = "Stop"
$repo = (Resolve-Path "$PSScriptRoot\..\..").Path
Set-Location $repo

cargo build --release --locked -p pecat -p pecat-cli
if ($LASTEXITCODE -ne 0) { throw "cargo build failed" }

$version = (cargo metadata --no-deps --format-version 1 | ConvertFrom-Json).packages |
    Where-Object { $_.name -eq "pecat-cli" } | Select-Object -ExpandProperty version
$generated = "$repo\target\packaging"
New-Item -ItemType Directory -Force -Path "$generated\completions", "$repo\target\wix" | Out-Null
& "$repo\target\release\pecat-cli.exe" generate completions --dir "$generated\completions" | Out-Null
if ($LASTEXITCODE -ne 0) { throw "pecat-cli generate failed" }

wix build "$PSScriptRoot\pecat.wxs" -arch x64 -ext WixToolset.UI.wixext `
    -d Version=$version -d RepoDir=$repo -d BinDir="$repo\target\release" -d GeneratedDir="$generated\completions" `
    -o "$repo\target\wix\pecat-$version-x86_64.msi"
if ($LASTEXITCODE -ne 0) { throw "wix build failed" }
Write-Output "$repo\target\wix\pecat-$version-x86_64.msi"
