# Helpers of build.ps1: paths, native calls, the module layout, and the two test suites.
Set-StrictMode -Version 3.0

$script:PesterVersion = '5.7.1'

# The dependency closure of System.Text.Json 8.0.5 on netstandard2.0: what .NET Framework lacks.
$script:DesktopDependencies = @(
    'System.Text.Json.dll', 'System.Text.Encodings.Web.dll', 'System.Memory.dll', 'System.Buffers.dll',
    'System.Numerics.Vectors.dll', 'System.Runtime.CompilerServices.Unsafe.dll', 'System.Threading.Tasks.Extensions.dll',
    'Microsoft.Bcl.AsyncInterfaces.dll'
)

function Write-Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

function Invoke-Native {
    # Runs a program and throws when it fails, so a broken step stops the build. Its output goes to the host,
    # not down the pipeline, so it cannot mix with what a function returns.
    $exe, $rest = $args
    $rest = @($rest | ForEach-Object { $_ })   # flattened, so the message below names each argument
    & $exe @rest | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$exe $($rest -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Get-BuildPaths([string] $Root, [string] $Configuration) {
    $out = Join-Path $Root 'out'
    [pscustomobject]@{
        Root            = $Root
        Out             = $out
        ModuleBin       = Join-Path $Root "src/WoodWide/bin/$Configuration/netstandard2.0"
        ModuleOut       = Join-Path $out 'WoodWide'
        ManifestOut     = Join-Path $out 'WoodWide/WoodWide.psd1'
        EmulatorProject = Join-Path $Root 'src/WoodWide.Emulator/WoodWide.Emulator.csproj'
        EmulatorOut     = Join-Path $out 'emulator'
        EmulatorDll     = Join-Path $out 'emulator/WoodWide.Emulator.dll'
        TestProject     = Join-Path $Root 'tests/WoodWide.Tests/WoodWide.Tests.csproj'
        TestResults     = Join-Path $out 'TestResults'
        PesterTests     = Join-Path $Root 'tests/pester'
        Tools           = Join-Path $Root '.tools'
    }
}

function Get-ModuleVersion([string] $Root) {
    # Directory.Build.props holds the one version number; the built manifest is stamped from it.
    $props = [xml](Get-Content -Raw (Join-Path $Root 'Directory.Build.props'))
    $version = $props.Project.PropertyGroup | ForEach-Object { $_.VersionPrefix } | Where-Object { $_ } | Select-Object -First 1
    if (-not $version) { throw 'Directory.Build.props has no VersionPrefix.' }
    $version
}

function Install-ModuleLayout($Paths) {
    if (Test-Path $Paths.ModuleOut) { Remove-Item $Paths.ModuleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $Paths.ModuleOut
    foreach ($file in 'WoodWide.dll', 'WoodWide.pdb', 'Microsoft.Bcl.TimeProvider.dll', 'WoodWide.Format.ps1xml', 'WoodWide.Types.ps1xml') {
        Copy-Item (Join-Path $Paths.ModuleBin $file) $Paths.ModuleOut
    }
    $version = Get-ModuleVersion $Paths.Root
    $manifest = Get-Content -Raw (Join-Path $Paths.Root 'WoodWide.psd1')
    Copy-Item (Join-Path $Paths.Root 'LICENSE') $Paths.ModuleOut
    # System.Text.Json's closure, for Windows PowerShell 5.1 only (Loading/DependencyLoader.cs); pwsh 7 has its own.
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $Paths.ModuleOut 'Dependencies')
    foreach ($file in $script:DesktopDependencies) { Copy-Item (Join-Path $Paths.ModuleBin $file) $dependencies }
    $stamped = $manifest -replace "ModuleVersion\s*=\s*'[^']*'", "ModuleVersion          = '$version'"
    if ($stamped -eq $manifest -and $manifest -notmatch "'$([regex]::Escape($version))'") { throw 'Could not stamp ModuleVersion.' }
    Set-Content -Path $Paths.ManifestOut -Value $stamped -Encoding utf8NoBOM
}

function Get-ChildPwsh {
    # The pwsh running this script (the local dotnet tool), started fresh: a native binary when there is one, else pwsh.dll.
    foreach ($name in 'pwsh', 'pwsh.exe') {
        $candidate = Join-Path $PSHOME $name
        if ((Test-Path $candidate -PathType Leaf) -and ($IsWindows -or ((Get-Item $candidate).UnixMode -match 'x'))) { return , @($candidate) }
    }
    , @('dotnet', (Join-Path $PSHOME 'pwsh.dll'))
}

function Invoke-ChildPwsh {
    # Runs a fresh pwsh (the one running this build: -NoProfile -NonInteractive) with the given arguments, such as
    # -File script.ps1 -Name value, or -Command '...'. Its output comes down the pipeline; $LASTEXITCODE is its exit
    # code. (Write -Name value, not -Name:value: the colon form does not survive the trip to a native program.)
    $pwsh = Get-ChildPwsh
    & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive @args
}

function Get-BenchModules([string] $ModulePath, [string] $BeforeModulePath) {
    # The builds a benchmark measures, in the order its table shows them: an earlier one (-BeforeModulePath), then this one.
    $modules = [ordered]@{}
    if ($BeforeModulePath) { $modules.before = (Resolve-Path $BeforeModulePath).Path }
    $modules.now = (Resolve-Path $ModulePath).Path
    $modules
}

function New-BenchJobs([string] $Base, [hashtable] $Spec) {
    # Jobs made at once on the emulator (its bulk endpoint), as $Spec says; their ids.
    (Invoke-RestMethod -Method Post "$Base/_emulator/jobs/bulk" -Body ($Spec | ConvertTo-Json) -ContentType 'application/json').job_ids
}

function Add-BenchRow([System.Collections.Specialized.OrderedDictionary] $Rows, [string] $Name, [string] $Arm, [string] $Value) {
    # One cell of a benchmark's table: measure $Name, column $Arm. Rows keep the order they are first given in.
    if (-not $Rows.Contains($Name)) { $Rows[$Name] = [ordered]@{} }
    $Rows[$Name][$Arm] = $Value
}

function Format-BenchTable([System.Collections.Specialized.OrderedDictionary] $Rows, [string[]] $Arms) {
    # The table as markdown: the arms given first, then any other column a row names, in the order first met.
    $all = @($Arms) + @($Rows.Values | ForEach-Object { $_.Keys } | Where-Object { $_ -notin $Arms } | Select-Object -Unique)
    '| measure | ' + ($all -join ' | ') + ' |'
    '| --- |' + (' --- |' * $all.Count)
    foreach ($name in $Rows.Keys) { "| $name | " + (($all | ForEach-Object { $Rows[$name][$_] ?? '' }) -join ' | ') + ' |' }
}

function Get-Median([double[]] $Values) {
    # The lower median: a measured value, never the mean of two (the benchmarks report rounds that ran).
    $sorted = $Values | Sort-Object
    $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)]
}

function Get-FirstLine([string] $Text) {
    if (-not $Text) { return '' }
    ($Text -split "`r?`n" | Where-Object { $_.Trim() } | Select-Object -First 1).Trim()
}

function Invoke-XunitSuite($Paths, [string] $Configuration) {
    $trx = Join-Path $Paths.TestResults 'xunit.trx'
    if (Test-Path $trx) { Remove-Item $trx }
    # A test that hangs is ended after five minutes and named, instead of holding CI until its own limit.
    & dotnet test $Paths.TestProject -c $Configuration --no-build --nologo --blame-hang-timeout 5m --blame-hang-dump-type none `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $Paths.TestResults |
        Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $trx)) {
        return [pscustomobject]@{ Suite = 'xunit'; Passed = 0; Failed = 1; Note = " (no results: dotnet test exited $exit)"; FailedTests = @() }
    }
    $run = ([xml](Get-Content -Raw $trx)).TestRun
    $counters = $run.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    # Named again at the end, beside the totals: a log cut to its last lines still says which test failed and why.
    $names = @($run.Results.UnitTestResult | Where-Object outcome -ne 'Passed' | Where-Object outcome -ne 'NotExecuted' |
        ForEach-Object { '{0}: {1}' -f $_.testName, (Get-FirstLine $_.Output.ErrorInfo.Message) })
    [pscustomobject]@{ Suite = 'xunit'; Passed = [int]$counters.passed; Failed = $failed; Note = ''; FailedTests = $names }
}

function Get-PesterModule($Paths) {
    $manifest = Join-Path $Paths.Tools "pkgs/pester/$script:PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        # Pester is not bundled with pwsh and there is no gallery here: NuGet has it.
        Invoke-Native dotnet package download "Pester@$script:PesterVersion" --output (Join-Path $Paths.Tools 'pkgs')
    }
    $manifest
}

function Invoke-PesterSuite($Paths) {
    $pester = Get-PesterModule $Paths
    $summary = Join-Path $Paths.TestResults 'pester.json'
    if (Test-Path $summary) { Remove-Item $summary }
    $null = New-Item -ItemType Directory -Force -Path $Paths.TestResults
    Invoke-ChildPwsh -File (Join-Path $Paths.PesterTests 'run.ps1') `
        -ModulePath $Paths.ManifestOut -EmulatorPath $Paths.EmulatorDll -PesterPath $pester -SummaryPath $summary |
        Out-Host
    $exit = $LASTEXITCODE
    if (-not (Test-Path $summary)) {
        return [pscustomobject]@{ Suite = 'pester'; Passed = 0; Failed = 1; Note = " (no results: pwsh exited $exit)"; FailedTests = @() }
    }
    $r = Get-Content -Raw $summary | ConvertFrom-Json
    $failed = [int]$r.Failed
    if ($exit -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Suite = 'pester'; Passed = [int]$r.Passed; Failed = $failed; Note = ''; FailedTests = @($r.FailedTests) }
}

Export-ModuleMember -Function Get-ModuleVersion, Get-Median, Get-BenchModules, New-BenchJobs, Add-BenchRow, Format-BenchTable, Write-Step, Invoke-Native, Get-BuildPaths, Install-ModuleLayout, Get-ChildPwsh, Invoke-ChildPwsh,
    Invoke-XunitSuite, Invoke-PesterSuite
