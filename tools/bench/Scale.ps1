# Benchmark 8 of build.ps1 bench: waiting at scale. CPU time per poll and peak working set for 100 and 10,000 jobs;
# 500 jobs against a server that allows 20 requests a second; the CPU of a wait whose throttle is full; the lag from
# each end to its report, and the requests per job against 1-s polling. Each wait runs in a fresh pwsh. With -BeforeModulePath (a build of an earlier commit)
# each measure runs with both, side by side. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [string] $BeforeModulePath,
    # What the before build is (a commit), for the sentence under the table.
    [string] $BeforeLabel = 'an earlier build',
    [int] $ManyJobs = 10000
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-BenchModules, New-BenchJobs, Add-BenchRow, Format-BenchTable

$modules = Get-BenchModules $ModulePath $BeforeModulePath
$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$folder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "ww-bench-scale-$PID")

function Get-Requests([string] $Base) { (Invoke-RestMethod "$Base/_emulator/requests").total }

# One wait in a fresh pwsh: the ids come from a file through the pipeline; prints CPU seconds, peak working set growth
# and, per job written, its id, the lag from its end to its report, its age at the end and its age when the wait began.
function Invoke-Wait([string] $Module, [string] $Base, [string[]] $Ids, [string] $Extra = '', [string] $WarmUp) {
    $idFile = Join-Path $folder 'ids.txt'
    Set-Content -Path $idFile -Value $Ids
    # A first wait on one finished job, untimed: what any process pays once (JIT, the connection) is not a poll's cost.
    $warm = if ($WarmUp) { "`$null = Wait-WwJob -Id $WarmUp -BaseUri '$Base' -InformationAction Ignore;" } else { '' }
    $out = Join-Path $folder 'lags.csv'
    $script = "`$ErrorActionPreference = 'Stop'; `$ProgressPreference = 'SilentlyContinue'; Import-Module '$Module';" +
        "`$env:WOODWIDE_API_KEY = '$key'; $warm `$p = [Diagnostics.Process]::GetCurrentProcess(); `$p.Refresh();" +
        "`$cpu = `$p.TotalProcessorTime; `$ws = `$p.PeakWorkingSet64;" +
        "`$begun = [DateTimeOffset]::UtcNow;" +
        "Get-Content '$idFile' | Wait-WwJob -BaseUri '$Base' -Timeout 900 -NoJobError -InformationAction Ignore -WarningAction SilentlyContinue $Extra |" +
        " ForEach-Object { `$now = [DateTimeOffset]::UtcNow; '{0},{1},{2},{3}' -f `$_.job_id, (`$now - `$_.finished_at).TotalSeconds," +
        " (`$_.finished_at - `$_.created_at).TotalSeconds, (`$begun - `$_.created_at).TotalSeconds } |" +
        " Set-Content '$out'; `$p.Refresh(); '{0} {1}' -f (`$p.TotalProcessorTime - `$cpu).TotalSeconds, (`$p.PeakWorkingSet64 - `$ws)"
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $line = Invoke-ChildPwsh -Command $script | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or $line -notmatch '^([\d.]+) (-?\d+)$') { throw "The wait failed: $line" }
    $jobs = Get-Content $out | ForEach-Object {
        $id, $lag, $age, $from = $_ -split ','
        [pscustomobject]@{ Id = $id; Lag = [double]$lag; Age = [double]$age; AgeAtStart = [double]$from }
    }
    [pscustomobject]@{ Cpu = [double]$Matches[1]; Growth = [double]$Matches[2]; Seconds = $clock.Elapsed.TotalSeconds; Jobs = @($jobs) }
}

# The fewest polls that see a job ending at any moment up to $Age within the bound: the first when the wait begins
# (at age $From), then each as late as the bound lets it be, max(floor, age/4) capped at 15 s, until one lands at or
# after $Age. An end just after a poll must be seen by the next, so no schedule that keeps the bound, whatever it
# knows, polls less.
function Get-FewestPolls([double] $Age, [double] $Floor, [double] $From) {
    $at = [math]::Max(0.0, $From); $polls = 1
    while ($at -lt $Age) { $at += [math]::Min(15.0, [math]::Max($Floor, $at / 4)); $polls++ }
    $polls
}

$rows = [ordered]@{}

# a) CPU per poll and memory, 100 jobs and many, jobs of 0.4-6 s (time scale 0.1), the pace left wide open so the
# emulator is the only bound.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.1
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $done = (Invoke-RestMethod -Method Post "$base/_emulator/jobs" -Body '{"phases":[]}' -ContentType 'application/json').job_id
    foreach ($arm in $modules.Keys) {
        $perPoll = @{}
        foreach ($n in 100, $ManyJobs) {
            $ids = New-BenchJobs $base @{ count = $n; min_seconds = 4; max_seconds = 60; queued_seconds = 1; seed = $n }
            $before = Get-Requests $base
            # Both arms at the same open pace: at the default one, a build with sweeps reads the listing instead, and
            # its CPU per request (a page of 100 jobs) is not a poll's (benchmark 10 measures that case).
            $r = Invoke-Wait $modules[$arm] $base $ids '-ThrottleLimit 32 -MaxRequestsPerSecond 10000' -WarmUp $done
            $polls = (Get-Requests $base) - $before - 1
            $perPoll[$n] = 1000 * $r.Cpu / $polls
            Add-BenchRow $rows "CPU time per poll, $n jobs" $arm ('{0:0.00} ms ({1:N0} polls, {2:0.0} s)' -f $perPoll[$n], $polls, $r.Seconds)
            Add-BenchRow $rows "peak working set growth, $n jobs" $arm ('{0:0} MB' -f ($r.Growth / 1MB))
        }
        Add-BenchRow $rows "CPU per poll, $ManyJobs jobs ÷ 100 jobs (goal ≤ 1.5)" $arm ('{0:0.00}' -f ($perPoll[$ManyJobs] / $perPoll[100]))
    }
}
finally { Stop-TestEmulator $emulator }

# b) 500 jobs against a server that allows 20 requests a second (429 with Retry-After beyond), default settings.
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
        Add-BenchRow $rows '500 jobs at 20 requests/s: jobs that ended' $arm ('{0} of 500 in {1:0} s' -f $r.Jobs.Count, $r.Seconds)
        Add-BenchRow $rows '500 jobs at 20 requests/s: 429s (goal < 5 %)' $arm ('{0:0.0} % ({1} of {2})' -f (100 * $share), $limit.refused, ($limit.refused + $limit.allowed))
    }
}
finally { Stop-TestEmulator $emulator }

# c) A wait whose throttle is full: 40 jobs, two polls in flight at most, a server 200 ms away. The CPU the waiting
# process spends while it mostly waits for answers.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -Latency 200
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    foreach ($arm in $modules.Keys) {
        $ids = New-BenchJobs $base @{ count = 40; min_seconds = 3; max_seconds = 8; seed = 40 }
        $r = Invoke-Wait $modules[$arm] $base $ids '-ThrottleLimit 2'
        Add-BenchRow $rows '40 jobs, -ThrottleLimit 2, a server 200 ms away: CPU time of the wait ÷ its wall time' $arm ('{0:0.00} ({1:0.0} s in {2:0.0} s)' -f ($r.Cpu / $r.Seconds), $r.Cpu, $r.Seconds)
    }
}
finally { Stop-TestEmulator $emulator }

# d) Lag and requests: 200 jobs of 2-40 s in real time, a third of them ending well before their ETA, a tenth failing.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $arms = @($modules.Keys | ForEach-Object { @{ Arm = $_; Options = ''; Floor = 1.5 } })
    if ($modules.Contains('now')) {
        $arms += @{ Arm = 'now, -MaxRequestsPerSecond 500'; Options = '-MaxRequestsPerSecond 500'; Floor = 1.5 }
        # A first interval of 5 s raises the floor of the bound to 5 s: the lag traded for requests.
        $arms += @{ Arm = 'now, -MaxRequestsPerSecond 500 -PollIntervalSec 5'; Options = '-MaxRequestsPerSecond 500 -PollIntervalSec 5'; Floor = 5 }
    }
    foreach ($case in $arms) {
        $arm = $case.Arm
        $ids = New-BenchJobs $base @{ count = 200; min_seconds = 2; max_seconds = 40; queued_seconds = 1; early = 0.33; failed = 0.1; seed = 200 }
        $null = Invoke-RestMethod -Method Delete "$base/_emulator/requests"
        $r = Invoke-Wait $modules[$arm -replace ',.*$'] $base $ids $case.Options
        $paths = (Invoke-RestMethod "$base/_emulator/requests").paths
        $over = @($r.Jobs | Where-Object { $_.Lag -gt [math]::Max($case.Floor, [math]::Min(15.0, $_.Age / 4)) + 0.25 })
        $lags = $r.Jobs | ForEach-Object Lag | Sort-Object
        Add-BenchRow $rows 'lag from an end to its report: median, most' $arm ('{0:0.00} s, {1:0.00} s' -f $lags[[int]($lags.Count / 2)], $lags[-1])
        Add-BenchRow $rows 'ends reported later than max(floor, age/4) (+0.25 s for the request; goal: none at the 1.5-s floor)' $arm ('{0} of {1} (floor {2} s)' -f $over.Count, $r.Jobs.Count, $case.Floor)
        # Requests per job of 10 s or more, against 1-s polling (ceil(age) + 1 each); ages as the wait wrote them.
        $total = 0; $fixed = 0; $fewest = 0
        foreach ($job in $r.Jobs | Where-Object Age -ge 10) {
            $total += $paths."/jobs/$($job.Id)"
            $fixed += [math]::Ceiling($job.Age) + 1
            $fewest += Get-FewestPolls $job.Age $case.Floor $job.AgeAtStart
        }
        Add-BenchRow $rows 'requests for jobs of 10 s or more ÷ 1-s polling (goal ≤ 1/3)' $arm ('{0:0.00} ({1} ÷ {2})' -f ($total / $fixed), $total, $fixed)
        Add-BenchRow $rows 'fewest requests any schedule keeping that bound needs, same jobs from the same start, ÷ 1-s polling' $arm ('{0:0.00} ({1} ÷ {2})' -f ($fewest / $fixed), $fewest, $fixed)
    }
}
finally {
    Stop-TestEmulator $emulator
    Remove-Item $folder -Recurse -Force
}

'## 8. Waiting at scale'
''
"Each wait in a fresh pwsh, the ids piped from a file. (a) Jobs of 4-60 job-seconds at time scale 0.1, -ThrottleLimit 32 and the pace left open (-MaxRequestsPerSecond 10000), so the emulator is the only bound; CPU is the waiting process's own. (b) Default settings against an emulator that allows 20 requests a second per key. (c) 40 jobs of 3-8 s, -ThrottleLimit 2, against an emulator that answers after 200 ms: the waiting process's CPU against the wait's wall time (pwsh's start included in the wall time). (d) Jobs of 2-40 s in real time, a third ending a third to two thirds of the way through the run their ETA promised, a tenth failing; the lag is measured when Wait-WwJob writes the job, against its finished_at. The two goals of (d) cannot both hold: an end just after a poll is seen only at the next, so a schedule that keeps the lag under max(1.5 s, age/4) polls a 10-s job at least 8 times and a 30-s one 13 (0.73 and 0.42 of 1-s polling), whatever it knows; the fewest-requests row counts that floor for the same jobs. -PollIntervalSec 5 raises the floor of the bound to 5 s and meets the 1/3."
''
Format-BenchTable $rows @($modules.Keys)
''
if ($BeforeModulePath) { "Before: $BeforeLabel, measured in the same run on the same emulators."; '' }
