# Benchmark 9 of build.ps1 bench: what a fault does to the rest of the work. 20 ids against a down API (time,
# requests), 20 ids with one that answers 500 (answers kept), Wait-WwJob against a server that accepts and never
# answers, and against one job that cannot be polled among 100 (time to the true error). Side by side with
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

    '## 9. Faults: what one failure does to the rest of the work'
    ''
    '| case | how | result |'
    '| --- | --- | --- |'
    $rows
    ''
    $goals = 'Goals: a down API ends 20 ids within 15 s in at most a dozen requests; one bad id costs the others nothing; a silent server ends a wait within 45 s with the connection error; an unpollable job''s own error comes within 60 s.'
    if ($BeforeModulePath) { "``before`` is $BeforeLabel, measured in the same run. $goals" } else { $goals }
}
finally {
    Stop-TestEmulator $emulator
}
