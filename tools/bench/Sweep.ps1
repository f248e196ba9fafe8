# Benchmark 10 of build.ps1 bench: sweeping the job listing. 1,000 jobs of 1-15 s at the default pace (50 requests a
# second), 500 jobs against a server that allows 20 requests a second, and 100 jobs at the default pace, each wait in
# a fresh pwsh, the ids piped from a file, and 10,000 jobs of 1-10 minutes at the default pace (about 12 minutes a
# build; -ManyJobs 0 leaves it out); with -BeforeModulePath (a build of an earlier commit) each runs with both, side by
# side. The lag is taken when Wait-WwJob writes a job, against its finished_at. Beside each lag, the floor: the lag
# if every end's detail were fetched in the order the jobs ended, at the pace, with nothing else sent (no listing, no
# poll of a running job). Whatever it polls or lists, a wait that reports each end from its detail cannot report
# them all sooner: with the pace saturated, its lags can be shuffled among the jobs, but their sum not made smaller.
# Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [string] $BeforeModulePath,
    [string] $BeforeLabel = 'an earlier build',
    [int] $ManyJobs = 10000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-BenchModules, New-BenchJobs, Add-BenchRow, Format-BenchTable

$modules = Get-BenchModules $ModulePath $BeforeModulePath
$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$folder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "ww-bench-sweep-$PID")


# One wait in a fresh pwsh; per job written, the lag from its end to its report and its end (Unix seconds); the CPU
# and the peak working set's growth of the waiting process.
function Invoke-Wait([string] $Module, [string] $Base, [string[]] $Ids) {
    $idFile = Join-Path $folder 'ids.txt'
    Set-Content -Path $idFile -Value $Ids
    $out = Join-Path $folder 'lags.txt'
    $script = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; Import-Module '$Module';" +
        "`$env:WOODWIDE_API_KEY = '$key'; `$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh();" +
        "`$cpu = `$p.TotalProcessorTime; `$ws = `$p.PeakWorkingSet64;" +
        "Get-Content '$idFile' | Wait-WwJob -BaseUri '$Base' -Timeout 1800 -NoJobError -InformationAction Ignore -WarningAction SilentlyContinue |" +
        " ForEach-Object { '{0} {1}' -f ([DateTimeOffset]::UtcNow - `$_.finished_at).TotalSeconds, `$_.finished_at.ToUnixTimeMilliseconds() } |" +
        " Set-Content '$out'; `$p.Refresh(); '{0} {1}' -f (`$p.TotalProcessorTime - `$cpu).TotalSeconds, (`$p.PeakWorkingSet64 - `$ws)"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $line = Invoke-ChildPwsh -Command $script | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or $line -notmatch '^([\d.]+) (-?\d+)$') { throw "The wait failed: $line" }
    $pairs = @(Get-Content $out | ForEach-Object { $lag, $end = $_ -split ' '; [pscustomobject]@{ Lag = [double]$lag; End = [double]$end / 1000 } })
    [pscustomobject]@{ Seconds = $clock.Elapsed.TotalSeconds; Lags = @($pairs.Lag | Sort-Object); Ends = @($pairs.End | Sort-Object)
        Cpu = [double]$Matches[1]; Growth = [double]$Matches[2] }
}

# The floor of the lags for these ends at this pace: each end's detail fetched in the order of the ends, one every
# 1/pace s, none before its end, and nothing else sent. Sorted.
function Get-Floor([double[]] $Ends, [double] $Pace) {
    $slot = [double]::MinValue
    @(foreach ($end in $Ends) { $slot = [math]::Max($end, $slot + 1 / $Pace); $slot - $end }) | Sort-Object
}

# Jobs made on the emulator as $Spec says, waited for with one arm's build: the wait, with the requests it made and
# how many of them were pages of the listing.
function Invoke-CountedWait([string] $Module, [string] $Base, [hashtable] $Spec) {
    $ids = New-BenchJobs $Base $Spec
    $null = Invoke-RestMethod -Method Delete "$Base/_emulator/requests"
    $r = Invoke-Wait $Module $Base $ids
    $counts = Invoke-RestMethod "$Base/_emulator/requests"
    $r | Add-Member -PassThru Requests ([int]$counts.total) | Add-Member -PassThru Pages ([int]($counts.paths.'/jobs'))
}

function Format-Lags([double[]] $Sorted) { '{0:0.00} s, {1:0.00} s, {2:0.00} s' -f (Get-At $Sorted 0.5), (Get-At $Sorted 0.95), $Sorted[-1] }

function Get-At([double[]] $Sorted, [double] $Share) { $Sorted[[math]::Min($Sorted.Count - 1, [int][math]::Floor($Share * $Sorted.Count))] }

$rows = [ordered]@{}

# Jobs of 4-60 job seconds at time scale 0.25 (1-15 s), queued up to 1 s: the 1,000 of benchmark 4, and 100 of them.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.25
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    foreach ($n in 1000, 100) {
        foreach ($arm in $modules.Keys) {
            $r = Invoke-CountedWait $modules[$arm] $base @{ count = $n; min_seconds = 4; max_seconds = 60; queued_seconds = 4; seed = $n }
            Add-BenchRow $rows "$n jobs of 1-15 s, default pace: lag median, 95 %, most" $arm (Format-Lags $r.Lags)
            Add-BenchRow $rows "$n jobs: the floor for these ends at 50 a second: median, 95 %, most" $arm (Format-Lags (Get-Floor $r.Ends 50))
            Add-BenchRow $rows "$n jobs: requests a job (listing pages among them)" $arm ('{0:0.00} ({1} requests, {2} pages)' -f ($r.Requests / $n), $r.Requests, $r.Pages)
            Add-BenchRow $rows "$n jobs: written, wall time" $arm ('{0} of {1}, {2:0.0} s' -f $r.Lags.Count, $n, $r.Seconds)
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
        $ids = New-BenchJobs $base @{ count = 500; min_seconds = 4; max_seconds = 60; queued_seconds = 1; seed = 500 }
        $r = Invoke-Wait $modules[$arm] $base $ids
        $limit = Invoke-RestMethod "$base/_emulator/rate-limit"
        Invoke-RestMethod -Method Delete "$base/_emulator/rate-limit"
        $share = $limit.refused / [math]::Max(1, $limit.refused + $limit.allowed)
        Add-BenchRow $rows '500 jobs at 20 requests/s: jobs that ended' $arm ('{0} of 500 in {1:0} s' -f $r.Lags.Count, $r.Seconds)
        Add-BenchRow $rows '500 jobs at 20 requests/s: 429s (goal < 5 %)' $arm ('{0:0.0} % ({1} of {2})' -f (100 * $share), $limit.refused, ($limit.refused + $limit.allowed))
        Add-BenchRow $rows '500 jobs at 20 requests/s: lag median, most' $arm ('{0:0.00} s, {1:0.00} s' -f (Get-At $r.Lags 0.5), $r.Lags[-1])
        $floor = Get-Floor $r.Ends 20
        Add-BenchRow $rows '500 jobs: the floor for these ends at 20 a second: median, most' $arm ('{0:0.00} s, {1:0.00} s' -f (Get-At $floor 0.5), $floor[-1])
    }
}
finally { Stop-TestEmulator $emulator }

# Many jobs of 1-10 minutes (240-2400 job seconds at time scale 0.25, queued up to 1 s) at the default pace: the lag,
# the requests, and what the waiting process spends (CPU per job refreshed, by its own GET or a listed item).
if ($ManyJobs -gt 0) {
    $emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.25
    try {
        $base = $emulator.BaseUri.TrimEnd('/')
        foreach ($arm in $modules.Keys) {
            $r = Invoke-CountedWait $modules[$arm] $base @{ count = $ManyJobs; min_seconds = 240; max_seconds = 2400; queued_seconds = 4; seed = $ManyJobs }
            $name = "$ManyJobs jobs of 1-10 min, default pace"
            Add-BenchRow $rows "${name}: lag median, 95 %, most" $arm (Format-Lags $r.Lags)
            Add-BenchRow $rows "${name}: the floor at 50 a second: median, 95 %, most" $arm (Format-Lags (Get-Floor $r.Ends 50))
            Add-BenchRow $rows "${name}: requests a job (listing pages among them)" $arm ('{0:0.00} ({1} requests, {2} pages)' -f ($r.Requests / $ManyJobs), $r.Requests, $r.Pages)
            Add-BenchRow $rows "${name}: CPU per request; per job looked at (a page as 100)" $arm ('{0:0.00} ms; {1:0.000} ms' -f (1000 * $r.Cpu / $r.Requests), (1000 * $r.Cpu / ($r.Requests - $r.Pages + 100 * $r.Pages)))
            Add-BenchRow $rows "${name}: peak working set growth" $arm ('{0:0} MB' -f ($r.Growth / 1MB))
            Add-BenchRow $rows "${name}: written, wall time" $arm ('{0} of {1}, {2:0} s' -f $r.Lags.Count, $ManyJobs, $r.Seconds)
        }
    }
    finally { Stop-TestEmulator $emulator }
}
Remove-Item $folder -Recurse -Force

'## 10. Sweeping the job listing'
''
'Each wait in a fresh pwsh with default settings, the ids piped from a file; the lag is taken when Wait-WwJob writes a job, against its finished_at. The 1,000 and 100 jobs are those of benchmark 4 (4-60 job seconds at time scale 0.25, queued up to 1 s); the 500 those of benchmark 8 (b); the 10,000 are jobs of 240-2400 job seconds at time scale 0.25 (1-10 minutes). The floor is the lag each job would have if every end''s detail were fetched in the order the jobs ended, one per 1/pace s and none before its end, with nothing else sent: a wait that reports each end from its own detail (as Wait-WwJob does) can shuffle its lags among the jobs, but where the pace is saturated it cannot make their sum smaller. Where the jobs end faster than the pace, no median within the goal is possible: 1,000 ends in 15 s at 50 a second, or 500 ends in 6 s at 20.'
''
Format-BenchTable $rows @($modules.Keys)
''
if ($BeforeModulePath) { "Before: $BeforeLabel, measured in the same run on the same emulators."; '' }
