#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests and demonstrates WoodWide. One entry point for people and CI.
.DESCRIPTION
    Tasks:
      build     Build the solution and lay out the importable module at out/WoodWide/WoodWide.psd1
                (and the emulator at out/emulator/).
      test      build, then xunit, then Pester (in a child pwsh, against the built module and a real emulator
                process); ends with one line "N passed, M failed" and a non-zero exit code on any failure.
      package   build, then out/WoodWide.<version>.nupkg with PSResourceGet through a throwaway local repository,
                and beside it out/WoodWide.Emulator.<version>.nupkg, the emulator as a .NET tool (woodwide-emulator).
      demo      build, start the emulator on a free loopback port, and show the module at work.
      bench     build, then the benchmarks (not part of test; about 30 minutes, 40 with -BeforeModulePath): Get-WwJob against Invoke-RestMethod
                and a bare HttpClient, a far server, Import-Module, waiting, the soak, a 200 MB upload against a
                bare HttpClient PUT, 100,000 rows of results, waiting at scale, faults and sweeping the job
                listing; writes docs/benchmarks.md.
                -BeforeModulePath measures an earlier build beside this one in benchmarks 8-10.
      emulator  build, then run the emulator in the foreground (-Port, default 5780; Ctrl+C stops it).
      clean     Remove out/, .tools/ and every bin/ and obj/.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [string] $Task = 'build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Port for the 'emulator' task; 0 picks a free one.
    [ValidateRange(0, 65535)]
    [int] $Port = 5780,

    # For 'bench': an earlier build's out/WoodWide/WoodWide.psd1, measured beside this one in benchmark 8.
    [string] $BeforeModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'tools/BuildTools.psm1') -Force

$paths = Get-BuildPaths -Root $PSScriptRoot -Configuration $Configuration

function Invoke-Build {
    Write-Step "Building WoodWide ($Configuration)"
    Invoke-Native dotnet build (Join-Path $PSScriptRoot 'WoodWide.sln') -c $Configuration --nologo -v quiet '-clp:NoSummary;ErrorsOnly'
    Write-Step 'Laying out out/WoodWide (with help from docs/) and out/emulator'
    Install-ModuleLayout -Paths $paths
    Invoke-ChildPwsh -File (Join-Path $PSScriptRoot 'tools/New-MamlHelp.ps1') `
        -ModulePath $paths.ManifestOut -DocsPath (Join-Path $PSScriptRoot 'docs/en-US') -OutPath (Join-Path $paths.ModuleOut 'en-US') | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "The help could not be built (exit code $LASTEXITCODE)." }
    Invoke-Native dotnet publish $paths.EmulatorProject -c $Configuration --no-build --nologo -v quiet -o $paths.EmulatorOut
    Write-Host "Module: $($paths.ManifestOut)"
}

function Invoke-Package {
    Write-Step 'Packing out/WoodWide.<version>.nupkg'
    $package = Invoke-ChildPwsh -File (Join-Path $PSScriptRoot 'tools/Publish-LocalPackage.ps1') `
        -ModuleDir $paths.ModuleOut -OutDir $paths.Out
    if ($LASTEXITCODE -ne 0) { throw "Packing failed (exit code $LASTEXITCODE)." }
    Write-Host "Package: $package"
    Write-Step 'Packing out/WoodWide.Emulator.<version>.nupkg (the emulator as a .NET tool, woodwide-emulator)'
    Get-ChildItem $paths.Out -Filter 'WoodWide.Emulator.*.nupkg' | Remove-Item
    Invoke-Native dotnet pack $paths.EmulatorProject -c $Configuration --no-build --nologo -v quiet -o $paths.Out
    $tool = Join-Path $paths.Out "WoodWide.Emulator.$(Get-ModuleVersion $PSScriptRoot).nupkg"
    if (-not (Test-Path $tool)) { throw "dotnet pack made no $tool." }
    Write-Host "Tool package: $tool"
}

function Invoke-Test {
    Invoke-Build
    # The Pester suite installs the module from this package, as a user would.
    Invoke-Package
    $results = [System.Collections.Generic.List[object]]::new()

    Write-Step 'xunit'
    $results.Add((Invoke-XunitSuite -Paths $paths -Configuration $Configuration))

    Write-Step 'Pester (child pwsh, built module, emulator process)'
    $results.Add((Invoke-PesterSuite -Paths $paths))

    $passed = ($results | Measure-Object -Property Passed -Sum).Sum
    $failed = ($results | Measure-Object -Property Failed -Sum).Sum
    foreach ($r in $results) {
        foreach ($name in $r.FailedTests) { Write-Host "FAILED ($($r.Suite)): $name" }
    }
    foreach ($r in $results) { Write-Host ("{0}: {1} passed, {2} failed{3}" -f $r.Suite, $r.Passed, $r.Failed, $r.Note) }
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Write-Step 'Demo'
    Invoke-ChildPwsh -File (Join-Path $PSScriptRoot 'tools/demo.ps1') `
        -ModulePath $paths.ManifestOut -EmulatorPath $paths.EmulatorDll
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-BenchScript([string] $Step, [string] $Script, [string] $What, [string[]] $Extra = @(), [switch] $KeepGoing) {
    # One benchmark script in a child pwsh against the built module and emulator; its markdown comes back. A failure
    # throws, unless -KeepGoing (the soak's report is written before its failure counts; $LASTEXITCODE still says).
    Write-Step $Step
    $lines = Invoke-ChildPwsh -File (Join-Path $PSScriptRoot "tools/bench/$Script") `
        -ModulePath $paths.ManifestOut -EmulatorPath $paths.EmulatorDll @Extra
    if ($LASTEXITCODE -ne 0 -and -not $KeepGoing) { throw "The $What failed (exit code $LASTEXITCODE)." }
    $lines | Out-Host
    $lines
}

function Invoke-Bench {
    Invoke-Build
    $throughput = Invoke-BenchScript 'Benchmarks 1-4: throughput, a far server, Import-Module, waiting (about 3 minutes)' Throughput.ps1 'benchmarks'
    $soak = Invoke-BenchScript 'Benchmark 5: the soak, 200 jobs waited at once, 5% of requests faulted' Soak.ps1 'soak' -KeepGoing
    $soakExit = $LASTEXITCODE
    $upload = Invoke-BenchScript 'Benchmark 6: uploading a 200 MB file, against a bare HttpClient PUT' Upload.ps1 'upload benchmark'
    $resultsBench = Invoke-BenchScript 'Benchmark 7: 100,000 rows of results through Get-WwJobResult, against Invoke-RestMethod and a script (about a minute)' `
        Results.ps1 'results benchmark'
    $before = @()
    if ($BeforeModulePath) {
        $beforeCommit = git -C (Split-Path (Resolve-Path $BeforeModulePath).Path) rev-parse --short HEAD 2>$null
        $label = if ($beforeCommit) { "commit $beforeCommit" } else { 'an earlier build' }
        $before = @('-BeforeModulePath', (Resolve-Path $BeforeModulePath).Path, '-BeforeLabel', $label)
    }
    $scale = Invoke-BenchScript 'Benchmark 8: waiting at scale (10,000 jobs, a rate-limited server, lag and requests; about 3 minutes)' `
        Scale.ps1 'scale benchmark' -Extra $before
    $faults = Invoke-BenchScript 'Benchmark 9: faults (a down API, one bad id, a silent server, one unpollable job; about 5 minutes)' `
        Faults.ps1 'faults benchmark' -Extra $before
    $sweep = Invoke-BenchScript 'Benchmark 10: sweeping the job listing (1,000 and 100 jobs at the default pace, 500 at 20 requests/s; about 3 minutes)' `
        Sweep.ps1 'sweep benchmark' -Extra $before
    $commit = (git -C $PSScriptRoot rev-parse --short HEAD 2>$null) ?? 'unknown'
    if (git -C $PSScriptRoot status --porcelain --untracked-files=no 2>$null) { $commit += ' with uncommitted changes' }
    $report = @(
        '# Benchmarks'
        ''
        "Latest run: $(Get-Date -Format 'yyyy-MM-dd'), $([Environment]::ProcessorCount) cores, commit $commit. Produced by ``dotnet pwsh ./build.ps1 bench``;"
        'the machines are shared and noisy, so read the ratios rather than the absolute times.'
        ''
    ) + $throughput + @('## 5. Soak: waiting through faults', '') + $soak + @('') + $upload + @('') + $resultsBench + @('') + $scale + @('') + $faults + @('') + $sweep
    # One blank line between sections, however many the parts end with.
    $report = for ($i = 0; $i -lt $report.Count; $i++) { if ($report[$i] -ne '' -or $i -eq 0 -or $report[$i - 1] -ne '') { $report[$i] } }
    Set-Content -Path (Join-Path $PSScriptRoot 'docs/benchmarks.md') -Value $report -Encoding utf8NoBOM
    Write-Host 'Wrote docs/benchmarks.md'
    if ($soakExit -ne 0) { throw 'The soak lost jobs or got an end state wrong.' }
}

function Invoke-Emulator {
    Invoke-Build
    Write-Step "Emulator on 127.0.0.1:$Port (Ctrl+C stops it)"
    & dotnet $paths.EmulatorDll --port $Port
}

function Invoke-Clean {
    foreach ($dir in @($paths.Out, (Join-Path $PSScriptRoot '.tools'))) {
        if (Test-Path $dir) { Remove-Item $dir -Recurse -Force }
    }
    Get-ChildItem $PSScriptRoot -Directory -Recurse -Include bin, obj |
        Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } |
        Remove-Item -Recurse -Force
    Write-Host 'Clean.'
}

$tasks = [ordered]@{
    build    = { Invoke-Build }
    test     = { Invoke-Test }
    package  = { Invoke-Build; Invoke-Package }
    demo     = { Invoke-Demo }
    bench    = { Invoke-Bench }
    emulator = { Invoke-Emulator }
    clean    = { Invoke-Clean }
}
if (-not $tasks.Contains($Task)) {
    Write-Error -ErrorId 'UnknownTask' -Category InvalidArgument -TargetObject $Task `
        -Message "Unknown task '$Task'. Tasks: $($tasks.Keys -join ', ')." -ErrorAction Continue
    exit 2
}
& $tasks[$Task]
