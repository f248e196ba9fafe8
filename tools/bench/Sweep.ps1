# Benchmark 10 of build.ps1 bench: sweeping the job listing. 1,000 jobs of 1-15 s at the default pace (50 requests a
# second), 500 jobs against a server that allows 20 requests a second, and 100 jobs at the default pace, each wait in
# a fresh pwsh, the ids piped from a file; with -BeforeModulePath (a build of an earlier commit) each runs with both,
# side by side. The lag is taken when Wait-WwJob writes a job, against its finished_at. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [string] $BeforeModulePath,
    [string] $BeforeLabel = 'an earlier build'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-BenchModules

$modules = Get-BenchModules $ModulePath $BeforeModulePath
$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$folder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "ww-bench-sweep-$PID")

function New-Jobs([string] $Base, [hashtable] $Spec) {
    (Invoke-RestMethod -Method Post "$Base/_emulator/jobs/bulk" -Body ($Spec | ConvertTo-Json) -ContentType 'application/json').job_ids
}

# One wait in a fresh pwsh; per job written, the lag from its end to its report.
function Invoke-Wait([string] $Module, [string] $Base, [string[]] $Ids) {
    $idFile = Join-Path $folder 'ids.txt'
    Set-Content -Path $idFile -Value $Ids
    $out = Join-Path $folder 'lags.txt'
    $script = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; Import-Module '$Module';" +
        "`$env:WOODWIDE_API_KEY = '$key';" +
        "Get-Content '$idFile' | Wait-WwJob -BaseUri '$Base' -Timeout 900 -NoJobError -InformationAction Ignore -WarningAction SilentlyContinue |" +
        " ForEach-Object { ([DateTimeOffset]::UtcNow - `$_.finished_at).TotalSeconds } | Set-Content '$out'; 'done'"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $line = Invoke-ChildPwsh -Command $script | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or $line -ne 'done') { throw "The wait failed: $line" }
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Lags = @(Get-Content $out | ForEach-Object { [double]$_ } | Sort-Object) }
}

function Get-At([double[]] $Sorted, [double] $Share) { $Sorted[[math]::Min($Sorted.Count - 1, [int][math]::Floor($Share * $Sorted.Count))] }

$rows = [ordered]@{}
function Add-Row([string] $Name, [string] $Arm, [string] $Value) {
    if (-not $rows.Contains($Name)) { $rows[$Name] = [ordered]@{} }
    $rows[$Name][$Arm] = $Value
}

# Jobs of 4-60 job seconds at time scale 0.25 (1-15 s), queued up to 1 s: the 1,000 of benchmark 4, and 100 of them.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.25
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    foreach ($n in 1000, 100) {
        foreach ($arm in $modules.Keys) {
            $ids = New-Jobs $base @{ count = $n; min_seconds = 4; max_seconds = 60; queued_seconds = 4; seed = $n }
            $null = Invoke-RestMethod -Method Delete "$base/_emulator/requests"
            $r = Invoke-Wait $modules[$arm] $base $ids
            $counts = Invoke-RestMethod "$base/_emulator/requests"
            $pages = [int]($counts.paths.'/jobs')
            Add-Row "$n jobs of 1-15 s, default pace: lag median, 95 %, most" $arm ('{0:0.00} s, {1:0.00} s, {2:0.00} s' -f (Get-At $r.Lags 0.5), (Get-At $r.Lags 0.95), $r.Lags[-1])
            Add-Row "$n jobs: requests a job (listing pages among them)" $arm ('{0:0.00} ({1} requests, {2} pages)' -f ($counts.total / $n), $counts.total, $pages)
            Add-Row "$n jobs: written, wall time" $arm ('{0} of {1}, {2:0.0} s' -f $r.Lags.Count, $n, $r.Seconds)
        }
    }
}
finally { Stop-TestEmulator $emulator }

# 500 jobs against a server that allows 20 requests a second (429 with Retry-After beyond), default settings: benchmark 8 (b).
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.1
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    foreach ($arm in $modules.Keys) {
        Invoke-RestMethod -Method Post "$base/_emulator/rate-limit" -Body (@{ per_second = 20 } | ConvertTo-Json) -ContentType 'application/json'
        $ids = New-Jobs $base @{ count = 500; min_seconds = 4; max_seconds = 60; queued_seconds = 1; seed = 500 }
        $r = Invoke-Wait $modules[$arm] $base $ids
        $limit = Invoke-RestMethod "$base/_emulator/rate-limit"
        Invoke-RestMethod -Method Delete "$base/_emulator/rate-limit"
        $share = $limit.refused / [math]::Max(1, $limit.refused + $limit.allowed)
        Add-Row '500 jobs at 20 requests/s: jobs that ended' $arm ('{0} of 500 in {1:0} s' -f $r.Lags.Count, $r.Seconds)
        Add-Row '500 jobs at 20 requests/s: 429s (goal < 5 %)' $arm ('{0:0.0} % ({1} of {2})' -f (100 * $share), $limit.refused, ($limit.refused + $limit.allowed))
        Add-Row '500 jobs at 20 requests/s: lag median, most' $arm ('{0:0.00} s, {1:0.00} s' -f (Get-At $r.Lags 0.5), $r.Lags[-1])
    }
}
finally {
    Stop-TestEmulator $emulator
    Remove-Item $folder -Recurse -Force
}

'## 10. Sweeping the job listing'
''
'Each wait in a fresh pwsh with default settings, the ids piped from a file; the lag is taken when Wait-WwJob writes a job, against its finished_at. The 1,000 and 100 jobs are those of benchmark 4 (4-60 job seconds at time scale 0.25, queued up to 1 s); the 500 those of benchmark 8 (b).'
''
'| measure | ' + (@($modules.Keys) -join ' | ') + ' |'
'| --- |' + (' --- |' * $modules.Count)
foreach ($name in $rows.Keys) { "| $name | " + ((@($modules.Keys) | ForEach-Object { $rows[$name][$_] ?? '' }) -join ' | ') + ' |' }
''
if ($BeforeModulePath) { "Before: $BeforeLabel, measured in the same run on the same emulators."; '' }
