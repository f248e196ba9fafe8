# Benchmarks 1-4 of build.ps1 bench: Get-WwJob against what users would otherwise write, concurrency against a far
# server, the cost of Import-Module, and Wait-WwJob against fixed polling. Ratios, not absolute times: the machines
# are shared and noisy. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [int] $Rounds = 5
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-Median
Import-Module $ModulePath

function Measure-Seconds([scriptblock] $Block) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $Block | Out-Null
    $clock.Elapsed.TotalSeconds
}
function Format-Ratio([double] $Value) { '{0:0.0}×' -f $Value }

$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$secure = ConvertTo-SecureString $key -AsPlainText -Force

# 1. Get-WwJob vs Invoke-RestMethod vs a bare keep-alive HttpClient, same process, same emulator, alternating rounds.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $http = [Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $key)
    $headers = @{ Authorization = "Bearer $key" }
    # 1,000 distinct jobs, ended at once, so that nothing per job (the server's lookup, the module's completion cache)
    # is flattered by seeing the same few ids again and again.
    $distinct = foreach ($i in 1..1000) {
        $content = [Net.Http.StringContent]::new('{"type":"train","queued_seconds":0,"running_seconds":0}', [Text.Encoding]::UTF8, 'application/json')
        ($http.PostAsync("$base/_emulator/jobs", $content).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json).job_id
    }
    '## 1. Getting many jobs'
    ''
    "Median of $Rounds alternating rounds, in one process, against the same emulator; every id a different job."
    ''
    '| ids | Get-WwJob (default, 16 at once) | Get-WwJob -ThrottleLimit 1 | Invoke-RestMethod loop | bare HttpClient loop | Invoke-RestMethod ÷ Get-WwJob | Get-WwJob ÷ bare loop | Get-WwJob -ThrottleLimit 1 ÷ bare loop |'
    '| --- | --- | --- | --- | --- | --- | --- | --- |'
    foreach ($count in 300, 1000) {
        $ids = @($distinct | Select-Object -First $count)
        $null = $ids[0..20] | Get-WwJob -ApiKey $secure -BaseUri $base          # warm-up: JIT, connections
        $times = @{ ww = @(); ww1 = @(); irm = @(); bare = @() }
        foreach ($round in 1..$Rounds) {
            $times.ww += Measure-Seconds { $ids | Get-WwJob -ApiKey $secure -BaseUri $base }
            $times.irm += Measure-Seconds { foreach ($id in $ids) { Invoke-RestMethod -Uri "$base/jobs/$id" -Headers $headers } }
            $times.bare += Measure-Seconds { foreach ($id in $ids) { $http.GetStringAsync("$base/jobs/$id").GetAwaiter().GetResult() } }
            $times.ww1 += Measure-Seconds { $ids | Get-WwJob -ApiKey $secure -BaseUri $base -ThrottleLimit 1 }
        }
        $m = @{}; foreach ($k in $times.Keys) { $m[$k] = Get-Median $times[$k] }
        '| {0} | {1:0.00} s | {2:0.00} s | {3:0.00} s | {4:0.00} s | {5} | {6} | {7} |' -f $count, $m.ww, $m.ww1, $m.irm, $m.bare,
            (Format-Ratio ($m.irm / $m.ww)), (Format-Ratio ($m.ww / $m.bare)), (Format-Ratio ($m.ww1 / $m.bare))
    }
    ''
    # Bytes allocated per id, on every thread, for the last 1,000: what each way costs the garbage collector.
    $allocated = {
        param([scriptblock] $Block)
        $before = [GC]::GetTotalAllocatedBytes($true)
        & $Block | Out-Null
        '{0:0.0} KB' -f (([GC]::GetTotalAllocatedBytes($true) - $before) / $ids.Count / 1KB)
    }
    "Allocated per id over $($ids.Count) ids (all threads; the bare loop reads each body as one string and parses nothing):"
    ''
    '| Get-WwJob | Get-WwJob -ThrottleLimit 1 | Invoke-RestMethod loop | bare HttpClient loop |'
    '| --- | --- | --- | --- |'
    '| {0} | {1} | {2} | {3} |' -f (& $allocated { $ids | Get-WwJob -ApiKey $secure -BaseUri $base }),
        (& $allocated { $ids | Get-WwJob -ApiKey $secure -BaseUri $base -ThrottleLimit 1 }),
        (& $allocated { foreach ($id in $ids) { Invoke-RestMethod -Uri "$base/jobs/$id" -Headers $headers } }),
        (& $allocated { foreach ($id in $ids) { $http.GetStringAsync("$base/jobs/$id").GetAwaiter().GetResult() } })
    ''
}
finally {
    Stop-TestEmulator $emulator
}

# 2. A far server: 50 ms per answer. Concurrency inside Get-WwJob vs one at a time.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Latency 50
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $seeded = @((Invoke-RestMethod "$base/_emulator/jobs").items.job_id)
    $ids = @(0..999 | ForEach-Object { $seeded[$_ % $seeded.Count] })
    $null = $ids[0..20] | Get-WwJob -ApiKey $secure -BaseUri $base
    $concurrent = Measure-Seconds { $ids | Get-WwJob -ApiKey $secure -BaseUri $base }
    $sequential = Measure-Seconds { $ids | Get-WwJob -ApiKey $secure -BaseUri $base -ThrottleLimit 1 }
    '## 2. 1,000 ids from a far server (50 ms a request)'
    ''
    'One round each (the sequential one alone takes about a minute).'
    ''
    '| Get-WwJob (16 at once, order kept) | Get-WwJob -ThrottleLimit 1 | concurrent ÷ sequential |'
    '| --- | --- | --- |'
    '| {0:0.0} s | {1:0.0} s | {2:0.0} % |' -f $concurrent, $sequential, (100 * $concurrent / $sequential)
    ''
}
finally {
    Stop-TestEmulator $emulator
}

# 3. Import-Module cost: fresh pwsh processes that import nothing, an empty manifest module, or WoodWide, in rounds
# whose order rotates; each figure is the median of the per-round differences (whole-process times swing by tens of
# milliseconds on these shared machines; differences within a round cancel most of the drift). The empty module
# separates what PowerShell spends on any first import from what WoodWide adds. Then the import after PSReadLine,
# which every interactive prompt has already loaded, timed inside the process: too small to see from outside.
$empty = Join-Path ([IO.Path]::GetTempPath()) "ww-bench-empty-$PID"
$null = New-Item -ItemType Directory -Force $empty
Set-Content (Join-Path $empty 'Empty.psm1') ''
Set-Content (Join-Path $empty 'Empty.psd1') "@{ RootModule = 'Empty.psm1'; ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @() }"
$arms = [ordered]@{ none = '1'; empty = "Import-Module '$(Join-Path $empty 'Empty.psd1')'"; woodwide = "Import-Module '$ModulePath'" }
$names = @($arms.Keys)
$importRounds = foreach ($round in 0..14) {
    $seconds = @{}
    foreach ($i in 0..($names.Count - 1)) {
        $arm = $names[($i + $round) % $names.Count]
        $seconds[$arm] = Measure-Seconds { Invoke-ChildPwsh -Command $arms[$arm] }
    }
    $seconds
}
Remove-Item $empty -Recurse -Force
function Get-Extra([string] $With, [string] $Without) { 1000 * (Get-Median @($importRounds | ForEach-Object { $_[$With] - $_[$Without] })) }
$afterPsrl = foreach ($round in 1..7) {
    [double](Invoke-ChildPwsh -Command "Import-Module PSReadLine; `$c = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath'; `$c.Elapsed.TotalMilliseconds" | Select-Object -Last 1)
}
'## 3. Import-Module'
''
'Fresh `pwsh -NoProfile` processes, 15 rounds in rotating order; each figure is the median of the per-round differences.'
''
'| what | extra time |'
'| --- | --- |'
'| importing WoodWide vs importing nothing (the goal: ≤ 80 ms) | {0:0} ms |' -f (Get-Extra woodwide none)
'| importing an empty manifest module vs importing nothing: what PowerShell spends on any first import | {0:0} ms |' -f (Get-Extra empty none)
'| importing WoodWide vs the empty module: what WoodWide itself adds | {0:0} ms |' -f (Get-Extra woodwide empty)
'| Import-Module WoodWide after PSReadLine, as at an interactive prompt (timed inside the process, median of 7) | {0:0} ms |' -f (Get-Median $afterPsrl)
''

# 4. Waiting: Wait-WwJob against fixed 1-s and 5-s polling, on time-scaled emulator timelines; then 1,000 jobs at once.
function Wait-Fixed([string] $Id, [double] $Interval, [string] $Base) {
    $requests = 0
    while ($true) {
        $job = Get-WwJob -Id $Id -ApiKey $secure -BaseUri $Base
        $requests++
        if ($job.IsTerminal) { break }
        Start-Sleep -Seconds $Interval
    }
    [pscustomobject]@{ Requests = $requests; Lag = ([datetimeoffset]::UtcNow - $job.FinishedAt).TotalSeconds }
}
function Wait-Adaptive([string] $Id, [string] $Base) {
    $stream = Wait-WwJob -Id $Id -ApiKey $secure -BaseUri $Base -InformationAction Ignore -Verbose 4>&1
    $returned = [datetimeoffset]::UtcNow
    $job = $stream | Where-Object { $_ -is [WoodWide.Model.JobDetail] }
    $summary = ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message
    [pscustomobject]@{ Requests = [int][regex]::Match($summary, '(\d+) request').Groups[1].Value; Lag = ($returned - $job.FinishedAt).TotalSeconds }
}

$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    '## 4. Waiting'
    ''
    'Requests made, and lag between the job''s end and the wait''s return. The 60-s job runs at time scale 0.25 (15 s of real time; its ETA is in real seconds).'
    'For the 1,000 jobs (4-60 job seconds at the same scale), fixed polling is computed from when each job ends rather than run: a poller every n seconds makes ceil(r / n) + 1 requests for a job that ends r seconds after the start.'
    ''
    '| job | Wait-WwJob | fixed 1-s polling | fixed 5-s polling | Wait-WwJob requests ÷ 1-s polling |'
    '| --- | --- | --- | --- | --- |'
    # Durations off the whole second, so fixed polling does not land on the end by luck.
    foreach ($case in @(@{ Name = '4-s train job'; Queued = 0.83; Running = 3.04; Scale = 1 }, @{ Name = '60-s train job'; Queued = 4.9; Running = 55.37; Scale = 0.25 })) {
        $results = foreach ($how in 'adaptive', 1, 5) {
            $body = @{ type = 'train'; queued_seconds = $case.Queued; running_seconds = $case.Running; time_scale = $case.Scale } | ConvertTo-Json
            $id = (Invoke-RestMethod -Method Post -Uri "$base/_emulator/jobs" -Body $body -ContentType application/json).job_id
            if ($how -eq 'adaptive') { Wait-Adaptive $id $base } else { Wait-Fixed $id $how $base }
        }
        $cell = { param($r) '{0} requests, {1:0.00} s lag' -f $r.Requests, $r.Lag }
        '| {0} | {1} | {2} | {3} | {4:0.00} |' -f $case.Name, (& $cell $results[0]), (& $cell $results[1]), (& $cell $results[2]), ($results[0].Requests / $results[1].Requests)
    }
    ''

    # 1,000 jobs of 4-60 job seconds (the range of the two jobs above) at time scale 0.25, waited for at once: with the
    # default pace (50 polls a second) and with the pace opened to 500, which this emulator on loopback can serve. Fixed
    # polling of the same jobs is computed, not run: from the wait's start, a job that ends r seconds later costs a 1-s
    # poller ceil(r) + 1 requests and ceil(r) - r of lag.
    function Measure-ThousandJobs([double] $Pace) {
        $random = [Random]::new(7)
        $jobs = foreach ($i in 1..1000) {
            $queued = 1 + 4 * $random.NextDouble(); $running = 3 + 52 * $random.NextDouble()
            $body = @{ type = 'train'; queued_seconds = $queued; running_seconds = $running; time_scale = 0.25 } | ConvertTo-Json
            $created = [datetimeoffset]::UtcNow
            [pscustomobject]@{
                Id = (Invoke-RestMethod -Method Post -Uri "$base/_emulator/jobs" -Body $body -ContentType application/json).job_id
                EndsAt = $created.AddSeconds(0.25 * ($queued + $running))
            }
        }
        $threadsBefore = (Get-Process -Id $PID).Threads.Count
        $stopFile = [IO.Path]::GetTempFileName(); Remove-Item $stopFile
        $sampler = Start-ThreadJob -ArgumentList $stopFile, $PID -ScriptBlock {
            param($stop, $parent)
            $threads = 0; $memory = 0
            while (-not (Test-Path $stop)) {
                $process = Get-Process -Id $parent
                $threads = [math]::Max($threads, $process.Threads.Count); $memory = [math]::Max($memory, $process.WorkingSet64)
                Start-Sleep -Milliseconds 100
            }
            [pscustomobject]@{ Threads = $threads; Memory = $memory }
        }
        [GC]::Collect()
        $memoryBefore = (Get-Process -Id $PID).WorkingSet64
        $started = [datetimeoffset]::UtcNow
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $lags = [Collections.Generic.List[double]]::new()
        $paceSplat = if ($Pace) { @{ MaxRequestsPerSecond = $Pace } } else { @{} }
        $stream = $jobs.Id | Wait-WwJob -ApiKey $secure -BaseUri $base @paceSplat -InformationAction Ignore -ProgressAction SilentlyContinue -Verbose 4>&1 |
            ForEach-Object {
                if ($_ -is [WoodWide.Model.JobDetail] -and $_.FinishedAt -gt $started) { $lags.Add(([datetimeoffset]::UtcNow - $_.FinishedAt).TotalSeconds) }
                $_
            }
        $elapsed = $clock.Elapsed.TotalSeconds
        $null = New-Item $stopFile
        $peak = $sampler | Receive-Job -Wait -AutoRemoveJob | Select-Object -Last 1
        Remove-Item $stopFile
        $summary = ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message
        $fixed = foreach ($interval in 1, 5) {
            $requests = 0; $fixedLags = [Collections.Generic.List[double]]::new()
            foreach ($job in $jobs) {
                $left = [math]::Max(0.0, ($job.EndsAt - $started).TotalSeconds)
                $polls = [math]::Ceiling($left / $interval)
                $requests += $polls + 1
                if ($left -gt 0) { $fixedLags.Add($polls * $interval - $left) }
            }
            [pscustomobject]@{ Requests = $requests; Lags = $fixedLags }
        }
        [pscustomobject]@{
            Requests = [int][regex]::Match($summary, '(\d+) request').Groups[1].Value
            Lags = $lags; Fixed = $fixed; Elapsed = $elapsed
            Done = @($stream | Where-Object { $_ -is [WoodWide.Model.JobDetail] }).Count
            Memory = $peak.Memory - $memoryBefore; ThreadsBefore = $threadsBefore; Threads = $peak.Threads
        }
    }
    $paced = Measure-ThousandJobs 0
    $open = Measure-ThousandJobs 500
    $lagCell = { param($values) '{0:0.00} s, {1:0.00} s' -f (Get-Median $values), ($values | Measure-Object -Maximum).Maximum }
    'The default pace allows 50 polls a second for the whole wait; 1,000 jobs that all end within 15 s need more than that to be seen promptly (their first polls alone take 20 s at 50 a second), so the second column opens the pace to 500.'
    ''
    '| 1,000 jobs at once | Wait-WwJob (default pace, 50/s) | Wait-WwJob -MaxRequestsPerSecond 500 | fixed 1-s polling (computed) | fixed 5-s polling (computed) |'
    '| --- | --- | --- | --- | --- |'
    '| requests | {0} | {1} | {2} | {3} |' -f $paced.Requests, $open.Requests, $paced.Fixed[0].Requests, $paced.Fixed[1].Requests
    '| lag after a job''s end: median, most | {0} | {1} | {2} | {3} |' -f (& $lagCell $paced.Lags), (& $lagCell $open.Lags), (& $lagCell $paced.Fixed[0].Lags), (& $lagCell $paced.Fixed[1].Lags)
    '| jobs ended and written | {0} of 1000 ({1} ended during the wait) | {2} of 1000 ({3} ended during the wait) | | |' -f $paced.Done, $paced.Lags.Count, $open.Done, $open.Lags.Count
    '| wall time (jobs last 1-15 s, a 0.25-1.25 s queue included) | {0:0.0} s | {1:0.0} s | | |' -f $paced.Elapsed, $open.Elapsed
    '| Wait-WwJob requests ÷ fixed 1-s polling | {0:0.00} | {1:0.00} | | |' -f ($paced.Requests / $paced.Fixed[0].Requests), ($open.Requests / $open.Fixed[0].Requests)
    '| most working set during the wait, above its start | {0:0} MB | {1:0} MB | | |' -f ($paced.Memory / 1MB), ($open.Memory / 1MB)
    '| threads in the process: before, most during the wait | {0}, {1} | {2}, {3} | | |' -f $paced.ThreadsBefore, $paced.Threads, $open.ThreadsBefore, $open.Threads
    ''
}
finally {
    Stop-TestEmulator $emulator
}
