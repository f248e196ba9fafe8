# Packs the built module into out/WoodWide.<version>.nupkg with PSResourceGet (bundled with pwsh 7.6), through a
# throwaway local repository that is unregistered again afterwards. Runs in a child pwsh (build.ps1 package).
param(
    [Parameter(Mandatory)][string] $ModuleDir,
    [Parameter(Mandatory)][string] $OutDir
)
$ErrorActionPreference = 'Stop'
$name = 'WoodWideBuild' + [guid]::NewGuid().ToString('N').Substring(0, 8)
$repo = Join-Path ([IO.Path]::GetTempPath()) $name
$null = New-Item -ItemType Directory -Path $repo
try {
    Register-PSResourceRepository -Name $name -Uri $repo -Trusted
    Publish-PSResource -Path $ModuleDir -Repository $name
    $package = Get-ChildItem $repo -Filter 'WoodWide.*.nupkg' | Select-Object -First 1
    if (-not $package) { throw 'Publish-PSResource made no package.' }
    # The module's earlier packages only, not the emulator tool's (WoodWide.Emulator.<version>.nupkg) beside them.
    Get-ChildItem $OutDir -Filter 'WoodWide.*.nupkg' | Where-Object Name -Match '^WoodWide\.\d' | Remove-Item
    Copy-Item $package.FullName $OutDir
    Join-Path $OutDir $package.Name
}
finally {
    Unregister-PSResourceRepository -Name $name -ErrorAction SilentlyContinue
    Remove-Item $repo -Recurse -Force -ErrorAction SilentlyContinue
}
