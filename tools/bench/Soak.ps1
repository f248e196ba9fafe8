# Soak: 200 living jobs of mixed lengths and outcomes, waited for at once while the emulator injects faults into
# about 5% of the API requests (429/502/503/504 answers and dropped connections). Every job must reach its true end
# state, none lost. Prints a markdown table. Run through build.ps1 bench.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [int] $Jobs = 200,
    [double] $FaultRate = 0.05
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module $ModulePath

$key = 'sk_soak_' + [guid]::NewGuid().ToString('N')
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $random = [Random]::new(2026)
    $ids = foreach ($i in 1..$Jobs) {
        $roll = $random.NextDouble()
        $outcome = if ($roll -lt 0.85) { 'succeeded' } elseif ($roll -lt 0.95) { 'failed' } else { 'canceled' }
        New-LivingJob $base -Queued ([math]::Round(0.5 + 1.5 * $random.NextDouble(), 2)) -Running ([math]::Round(0.5 + 7.5 * $random.NextDouble(), 2)) -Outcome $outcome
    }
    # Faults on the API paths only: the control paths used below to read the truth stay clean.
    $rule = @{ kind = 'status'; probability = $FaultRate * 0.7; statuses = @(429, 502, 503, 504); path = '/jobs' } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Post -Uri "$base/_emulator/faults" -Body $rule -ContentType application/json
    $rule = @{ kind = 'reset'; probability = $FaultRate * 0.3; path = '/jobs' } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Post -Uri "$base/_emulator/faults" -Body $rule -ContentType application/json

    $before = [GC]::GetTotalMemory($true)
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $stream = $ids | Wait-WwJob -ApiKey (ConvertTo-SecureString $key -AsPlainText -Force) -BaseUri $base -NoJobError -Timeout 300 `
        -InformationAction Ignore -Verbose -ErrorAction SilentlyContinue -ErrorVariable waitErrors 4>&1
    $elapsed = $clock.Elapsed.TotalSeconds
    $after = [GC]::GetTotalMemory($false)

    $seen = @{}
    foreach ($job in $stream | Where-Object { $_ -is [WoodWide.Model.JobDetail] }) { $seen[$job.JobId.ToString()] = $job.Status }
    $summary = ($stream | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -Last 1).Message
    $truth = @{}
    foreach ($job in (Invoke-RestMethod "$base/_emulator/jobs").items) { $truth[$job.job_id] = $job.status }
    $requests = (Invoke-RestMethod "$base/_emulator/requests").total

    $lost = @($ids | Where-Object { -not $seen.ContainsKey($_) })
    $wrong = @($ids | Where-Object { $seen.ContainsKey($_) -and $seen[$_] -ne $truth[$_] })
    $retries = [regex]::Match($summary, '(\d+) retried').Groups[1].Value

    '| soak | value |'
    '| --- | --- |'
    "| jobs waited at once | $Jobs |"
    "| requests that met an injected fault | about $([math]::Round($FaultRate * 100)) % |"
    "| jobs that reached their true end state | $($Jobs - $lost.Count - $wrong.Count) of $Jobs |"
    "| jobs lost | $($lost.Count) |"
    "| jobs with a wrong end state | $($wrong.Count) |"
    "| errors written | $($waitErrors.Count) |"
    "| requests the emulator saw | $requests |"
    "| retries absorbed | $retries |"
    "| wall time | $([math]::Round($elapsed, 1)) s |"
    "| managed memory after vs before | $([math]::Round(($after - $before) / 1MB, 1)) MB |"
    if ($lost.Count -or $wrong.Count -or $waitErrors.Count) { exit 1 }
}
finally {
    Stop-TestEmulator $emulator
}
