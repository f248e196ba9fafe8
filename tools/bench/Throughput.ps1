# Benchmarks 1-4 of build.ps1 bench: Get-WwJob against what users would otherwise write, concurrency against a far
# server, the cost of Import-Module, and Wait-WwJob against fixed polling. Ratios, not absolute times: the machines
# are shared and noisy. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Get-ChildPwsh
Import-Module $ModulePath

function Measure-Seconds([scriptblock] $Block) {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    & $Block | Out-Null
    $clock.Elapsed.TotalSeconds
}
function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
function Format-Ratio([double] $Value) { '{0:0.0}×' -f $Value }

$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$secure = ConvertTo-SecureString $key -AsPlainText -Force

# 1. Get-WwJob vs Invoke-RestMethod vs a bare keep-alive HttpClient, same process, same emulator, alternating rounds.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $seeded = @((Invoke-RestMethod "$base/_emulator/jobs").items.job_id)
    $http = [Net.Http.HttpClient]::new()
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $key)
    $headers = @{ Authorization = "Bearer $key" }
    '## 1. Getting many jobs'
    ''
    "Median of $Rounds alternating rounds, in one process, against the same emulator."
    ''
    '| ids | Get-WwJob (default, 16 at once) | Get-WwJob -ThrottleLimit 1 | Invoke-RestMethod loop | bare HttpClient loop | Invoke-RestMethod ÷ Get-WwJob | Get-WwJob ÷ bare loop | Get-WwJob -ThrottleLimit 1 ÷ bare loop |'
    '| --- | --- | --- | --- | --- | --- | --- | --- |'
    foreach ($count in 300, 1000) {
        $ids = @(0..($count - 1) | ForEach-Object { $seeded[$_ % $seeded.Count] })
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

# 3. Import-Module cost: fresh pwsh processes, with and without the import, in pairs.
$pwsh = Get-ChildPwsh
$pairs = foreach ($round in 1..5) {
    $without = Measure-Seconds { & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command '1' }
    $with = Measure-Seconds { & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'" }
    $with - $without
}
'## 3. Import-Module'
''
'Fresh `pwsh -NoProfile` with the import vs without, 5 pairs.'
''
'| extra time for Import-Module (median of pairs) |'
'| --- |'
'| {0:0} ms |' -f (1000 * (Get-Median $pairs))
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

    # 1,000 jobs of 2-20 job seconds at time scale 0.25, waited for at once.
    $random = [Random]::new(7)
    $ids = foreach ($i in 1..1000) {
        $body = @{ type = 'train'; queued_seconds = 1 + 3 * $random.NextDouble(); running_seconds = 1 + 16 * $random.NextDouble(); time_scale = 0.25 } | ConvertTo-Json
        (Invoke-RestMethod -Method Post -Uri "$base/_emulator/jobs" -Body $body -ContentType application/json).job_id
    }
    $threadsBefore = (Get-Process -Id $PID).Threads.Count
    $stopFile = [IO.Path]::GetTempFileName(); Remove-Item $stopFile
    $sampler = Start-ThreadJob -ScriptBlock { param($stop, $parent) $max = 0; while (-not (Test-Path $stop)) { $max = [math]::Max($max, (Get-Process -Id $parent).Threads.Count); Start-Sleep -Milliseconds 200 }; $max } -ArgumentList $stopFile, $PID
    [GC]::Collect()
    $memoryBefore = (Get-Process -Id $PID).WorkingSet64
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $stream = $ids | Wait-WwJob -ApiKey $secure -BaseUri $base -InformationAction Ignore -ProgressAction SilentlyContinue -Verbose 4>&1
    $elapsed = $clock.Elapsed.TotalSeconds
    $memoryPeak = (Get-Process -Id $PID).PeakWorkingSet64
    $null = New-Item $stopFile
    $maxThreads = $sampler | Receive-Job -Wait -AutoRemoveJob | Select-Object -Last 1
    Remove-Item $stopFile
    $summary = ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message
    $done = @($stream | Where-Object { $_ -is [WoodWide.Model.JobDetail] }).Count
    '| 1,000 jobs at once | value |'
    '| --- | --- |'
    "| jobs ended and written | $done of 1000 |"
    "| wall time | $([math]::Round($elapsed, 1)) s (jobs last 0.5-5 s after a 0.25-1 s queue) |"
    "| requests | $([regex]::Match($summary, '(\d+) request').Groups[1].Value) |"
    "| peak working set above the start of the wait | $([math]::Round(($memoryPeak - $memoryBefore) / 1MB)) MB |"
    "| threads in the process: before, most during the wait | $threadsBefore, $maxThreads |"
    ''
}
finally {
    Stop-TestEmulator $emulator
}
