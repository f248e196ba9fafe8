# Benchmark 9 of build.ps1 bench: what a fault does to the rest of the work. 20 ids against a down API (time,
# requests), 20 ids with one that answers 500 (answers kept), Wait-WwJob against a server that accepts and never
# answers, against one job that cannot be polled among 100 (time to the true error), against a server that answers
# only 503s, and Get-WwJob -Id against a rate limit (ids written). Side by side with
# `foreach ($i in $ids) { Get-WwJob -Id $i }` and an Invoke-RestMethod loop, and with -BeforeModulePath (a build of an
# earlier commit) each measure of the module runs with both. Each measure runs in a fresh pwsh. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [string] $BeforeModulePath,
    [string] $BeforeLabel = 'an earlier build',
    # The wait cases' -Timeout: a build that waits out a silent server is cut off here.
    [int] $WaitTimeout = 90
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-BenchModules

$modules = Get-BenchModules $ModulePath $BeforeModulePath
$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')

function Reset-Emulator([string] $Base) {
    $null = Invoke-RestMethod -Method Delete "$Base/_emulator/faults"
    $null = Invoke-RestMethod -Method Delete "$Base/_emulator/requests"
}
function Add-Fault([string] $Base, [hashtable] $Fault) {
    $null = Invoke-RestMethod -Method Post "$Base/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType application/json
}
function Get-ClosedPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    "http://127.0.0.1:$port/"
}

# Runs $Body in a fresh pwsh with $Module imported and $ids, $base, $key set; its last line is JSON, returned as an object.
function Invoke-Measure([string] $Module, [string] $Base, [string[]] $Ids, [string] $Body) {
    $script = "`$ErrorActionPreference = 'Continue'; `$ProgressPreference = 'SilentlyContinue'; Import-Module '$Module';" +
        "`$key = ConvertTo-SecureString '$key' -AsPlainText -Force; `$base = '$Base'; `$ids = '$($Ids -join ',')' -split ',';" +
        "`$clock = [Diagnostics.Stopwatch]::StartNew(); $Body"
    $line = Invoke-ChildPwsh -Command $script 2>$null | Select-Object -Last 1
    try { $line | ConvertFrom-Json } catch { throw "The measure did not end with JSON: $line" }
}

$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $down = Get-ClosedPort
    $twenty = 1..20 | ForEach-Object { New-LivingJob $base -Running 0 }
    $rows = [System.Collections.Generic.List[string]]::new()
    $seconds = { param($s) '{0:0.0} s' -f $s }

    # 1. 20 ids against a down API: time to the end, and requests sent (each attempt is a verbose line).
    $count = '($trace | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count'
    foreach ($name in $modules.Keys) {
        $m = Invoke-Measure $modules[$name] $down $twenty ("try { Get-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -Verbose 4>&1 -OutVariable trace | Out-Null } catch { `$e = `$_ };" +
            "@{ s = `$clock.Elapsed.TotalSeconds; r = $count; id = `$e.FullyQualifiedErrorId } | ConvertTo-Json -Compress")
        $rows.Add("| 20 ids, API down (refused) | Get-WwJob -Id (``$name``) | $(& $seconds $m.s), $($m.r) requests, one error: $($m.id -replace ',.*') |")
    }
    $m = Invoke-Measure $modules.now $down $twenty ("`$trace = foreach (`$i in `$ids) { Get-WwJob -Id `$i -ApiKey `$key -BaseUri `$base -Verbose -ErrorAction SilentlyContinue 4>&1 };" +
        "@{ s = `$clock.Elapsed.TotalSeconds; r = $count } | ConvertTo-Json -Compress")
    $rows.Add("| 20 ids, API down (refused) | ``foreach { Get-WwJob -Id `$i }`` | $(& $seconds $m.s), $($m.r) requests, 20 errors |")
    $m = Invoke-Measure $modules.now $down $twenty ("`$n = 0; foreach (`$i in `$ids) { `$n++; try { `$null = Invoke-RestMethod `"`$(`$base)jobs/`$i`" -Authentication Bearer -Token `$key -AllowUnencryptedAuthentication } catch { } };" +
        "@{ s = `$clock.Elapsed.TotalSeconds; r = `$n } | ConvertTo-Json -Compress")
    $rows.Add("| 20 ids, API down (refused) | Invoke-RestMethod loop | $(& $seconds $m.s), $($m.r) requests, 20 errors |")

    # 2. 20 ids, the fifth answers 500 for ever: answers kept in an assignment, and requests.
    foreach ($name in $modules.Keys) {
        Reset-Emulator $base
        Add-Fault $base @{ kind = 'status'; status = 500; count = 100; path = "/jobs/$($twenty[4])" }
        $m = Invoke-Measure $modules[$name] $base $twenty ("`$r = Get-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -ErrorAction SilentlyContinue;" +
            "@{ s = `$clock.Elapsed.TotalSeconds; kept = @(`$r | Where-Object { `$_ }).Count } | ConvertTo-Json -Compress")
        $requests = (Invoke-RestMethod "$base/_emulator/requests").total
        $rows.Add("| 20 ids, one answers 500 | ```$r = Get-WwJob -Id`` (``$name``) | $($m.kept) of 19 answers kept, $requests requests, $(& $seconds $m.s) |")
    }
    Reset-Emulator $base
    Add-Fault $base @{ kind = 'status'; status = 500; count = 100; path = "/jobs/$($twenty[4])" }
    $m = Invoke-Measure $modules.now $base $twenty ("`$r = foreach (`$i in `$ids) { Get-WwJob -Id `$i -ApiKey `$key -BaseUri `$base -ErrorAction SilentlyContinue };" +
        "@{ s = `$clock.Elapsed.TotalSeconds; kept = @(`$r | Where-Object { `$_ }).Count } | ConvertTo-Json -Compress")
    $rows.Add("| 20 ids, one answers 500 | ``foreach { Get-WwJob -Id `$i }`` | $($m.kept) of 19 answers kept, $((Invoke-RestMethod "$base/_emulator/requests").total) requests, $(& $seconds $m.s) |")

    # 3. Wait-WwJob against a server that accepts and never answers: time to the error, and which.
    foreach ($name in $modules.Keys) {
        Reset-Emulator $base
        Add-Fault $base @{ kind = 'hang'; count = -1 }
        $m = Invoke-Measure $modules[$name] $base @([guid]::NewGuid()) ("`$warned = `$null; try { Wait-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -Timeout $WaitTimeout -InformationAction Ignore -WarningAction SilentlyContinue -WarningVariable w -ErrorAction Stop; } catch { `$e = `$_ };" +
            "@{ s = `$clock.Elapsed.TotalSeconds; id = `$e.FullyQualifiedErrorId } | ConvertTo-Json -Compress")
        $rows.Add("| a silent server (accepts, never answers) | Wait-WwJob -Timeout $WaitTimeout (``$name``) | ended at $(& $seconds $m.s) with $($m.id -replace ',.*') |")
    }

    # 4. One job of 100 whose every poll answers 500 while the others run 20 s: time to that job's own error.
    foreach ($name in $modules.Keys) {
        Reset-Emulator $base
        $hundred = (Invoke-RestMethod -Method Post "$base/_emulator/jobs/bulk" -ContentType application/json -Body (@{
            count = 100; type = 'train'; min_seconds = 20; max_seconds = 20; queued_seconds = 0.5; failed = 0; canceled = 0; early = 0 } | ConvertTo-Json)).job_ids
        $bad = $hundred[37]
        Add-Fault $base @{ kind = 'status'; status = 500; count = -1; path = "/jobs/$bad"; exact = $true }
        $m = Invoke-Measure $modules[$name] $base $hundred ("`$first = `$null; `$id = `$null;" +
            "Wait-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -Timeout $WaitTimeout -InformationAction Ignore -WarningAction SilentlyContinue 2>&1 |" +
            " ForEach-Object { if (`$_ -is [System.Management.Automation.ErrorRecord] -and -not `$first) { `$first = `$clock.Elapsed.TotalSeconds; `$id = `$_.FullyQualifiedErrorId } };" +
            "@{ s = `$first; id = `$id; total = `$clock.Elapsed.TotalSeconds } | ConvertTo-Json -Compress")
        $rows.Add("| one job of 100 cannot be polled (500) | Wait-WwJob -Timeout $WaitTimeout (``$name``) | its error at $(& $seconds $m.s): $($m.id -replace ',.*'); the wait over at $(& $seconds $m.total) |")
    }

    # 5. Wait-WwJob against a server that answers every poll 503 from the start: time to the error (the grace is 30 s).
    foreach ($name in $modules.Keys) {
        Reset-Emulator $base
        Add-Fault $base @{ kind = 'status'; status = 503; count = -1 }
        $m = Invoke-Measure $modules[$name] $base @([guid]::NewGuid(), [guid]::NewGuid()) ("try { Wait-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -Timeout $WaitTimeout -InformationAction Ignore -WarningAction SilentlyContinue -ErrorAction Stop } catch { `$e = `$_ };" +
            "@{ s = `$clock.Elapsed.TotalSeconds; id = `$e.FullyQualifiedErrorId } | ConvertTo-Json -Compress")
        $rows.Add("| every poll answers 503 from the start | Wait-WwJob -Timeout $WaitTimeout (``$name``) | ended at $(& $seconds $m.s) with $($m.id -replace ',.*') |")
    }
    Reset-Emulator $base

    # 6. Get-WwJob -Id against a server's rate limit (429 with Retry-After beyond it): ids written, errors, time, 429s.
    foreach ($case in @(@{ n = 24; limit = 4 }, @{ n = 1000; limit = 20 })) {
        $many = (Invoke-RestMethod -Method Post "$base/_emulator/jobs/bulk" -ContentType application/json -Body (@{
            count = $case.n; min_seconds = 600; max_seconds = 900; queued_seconds = 0; seed = $case.n } | ConvertTo-Json)).job_ids
        foreach ($name in $modules.Keys) {
            Start-Sleep -Seconds 1.5
            $null = Invoke-RestMethod -Method Post "$base/_emulator/rate-limit" -Body (@{ per_second = $case.limit } | ConvertTo-Json) -ContentType application/json
            $m = Invoke-Measure $modules[$name] $base $many ("try { Get-WwJob -Id `$ids -ApiKey `$key -BaseUri `$base -ErrorAction SilentlyContinue -ErrorVariable errs -OutVariable got | Out-Null } catch { `$stopped = `$_ };" +
                "@{ s = `$clock.Elapsed.TotalSeconds; written = @(`$got).Count; errors = @(`$errs).Count; stopped = [bool]`$stopped } | ConvertTo-Json -Compress")
            $limit = Invoke-RestMethod "$base/_emulator/rate-limit"
            $null = Invoke-RestMethod -Method Delete "$base/_emulator/rate-limit"
            $end = if ($m.stopped) { 'stopped with a terminating error' } else { 'ran to the end' }
            $rows.Add("| $($case.n) ids, a limit of $($case.limit) requests a second | Get-WwJob -Id (``$name``) | $($m.written) of $($case.n) written, $($m.errors) errors, $end, $(& $seconds $m.s), $($limit.refused) 429s for $($limit.allowed) answers |")
        }
    }

    '## 9. Faults: what one failure does to the rest of the work'
    ''
    '| case | how | result |'
    '| --- | --- | --- |'
    $rows
    ''
    $goals = 'Goals: a down API ends 20 ids within 15 s in at most a dozen requests; one bad id costs the others nothing; a silent server ends a wait within 45 s with the connection error; an unpollable job''s own error comes within 60 s; a server that answers only 503s ends a wait at the 30-s grace; under a rate limit every id is written.'
    if ($BeforeModulePath) { "``before`` is $BeforeLabel, measured in the same run. $goals" } else { $goals }
}
finally {
    Stop-TestEmulator $emulator
}
