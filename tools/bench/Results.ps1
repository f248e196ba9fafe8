# Benchmark 7 of build.ps1 bench: a job's results of 100,000 rows x 10 columns through Get-WwJobResult, against
# Invoke-RestMethod plus the script a user would write to turn them into rows, each in a fresh pwsh, alternating
# rounds. JSON (column-oriented, the documented form: the user pivots it) and CSV (behind a signed URL: the user
# follows it and runs ConvertFrom-Csv). Also how soon Get-WwJobResult's first CSV row arrives. Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [int] $Rows = 100000,
    [int] $Columns = 10,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-Median

$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    $auth = @{ Authorization = "Bearer $key" }
    $jobs = @{}
    foreach ($format in 'json', 'csv') {
        $body = @{ type = 'infer_batch'; phases = @(); results = @{ rows = $Rows; columns = $Columns; output_type = $format } } | ConvertTo-Json -Depth 4
        $jobs[$format] = (Invoke-RestMethod -Method Post "$base/_emulator/jobs" -Body $body -ContentType application/json).job_id
        # The emulator makes a job's table on the first request: make it now, outside the timings.
        $null = Invoke-WebRequest "$base/jobs/$($jobs[$format])/results" -Headers $auth
    }
    $setup = "`$ErrorActionPreference = 'Stop'; `$env:WOODWIDE_API_KEY = '$key'; `$env:WOODWIDE_BASE_URL = '$base'; `$auth = @{ Authorization = 'Bearer $key' };"
    # Each arm: a warm-up on a small slice of the same work is not possible for a result, so the first call of each
    # arm in its process is the timed one, as a runbook's would be; Import-Module is outside the timing.
    # Two ways to take every row: into a variable (what a runbook does before it works on them; the figure the goal is
    # read against) and through Measure-Object (whose own cost per object, the same for both arms, dilutes the ratio).
    $prepare = "`$data = `$r.data; `$names = @(`$data.PSObject.Properties.Name); `$cols = foreach (`$name in `$names) { ,`$data.`$name };"
    $pivot = "& { for (`$i = 0; `$i -lt `$cols[0].Count; `$i++) { `$row = [ordered]@{}; for (`$k = 0; `$k -lt `$names.Count; `$k++) { `$row[`$names[`$k]] = `$cols[`$k][`$i] }; [pscustomobject]`$row } }"
    $arms = @{
        'module json' = "$setup Import-Module '$ModulePath'; `$c = [Diagnostics.Stopwatch]::StartNew();" +
            "`$rows = Get-WwJobResult -Id $($jobs.json); '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$rows.Count"
        'script json' = "$setup `$c = [Diagnostics.Stopwatch]::StartNew(); `$r = Invoke-RestMethod '$base/jobs/$($jobs.json)/results' -Headers `$auth;" +
            "$prepare `$rows = $pivot; '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$rows.Count"
        'module json measure' = "$setup Import-Module '$ModulePath'; `$c = [Diagnostics.Stopwatch]::StartNew();" +
            "`$n = (Get-WwJobResult -Id $($jobs.json) | Measure-Object).Count; '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$n"
        'script json measure' = "$setup `$c = [Diagnostics.Stopwatch]::StartNew(); `$r = Invoke-RestMethod '$base/jobs/$($jobs.json)/results' -Headers `$auth;" +
            "$prepare `$n = ($pivot | Measure-Object).Count; '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$n"
        'module csv' = "$setup Import-Module '$ModulePath'; `$c = [Diagnostics.Stopwatch]::StartNew();" +
            "`$rows = Get-WwJobResult -Id $($jobs.csv); '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$rows.Count"
        'script csv' = "$setup `$c = [Diagnostics.Stopwatch]::StartNew(); `$r = Invoke-RestMethod '$base/jobs/$($jobs.csv)/results' -Headers `$auth;" +
            "`$rows = Invoke-RestMethod `$r.results_uri | ConvertFrom-Csv; '{0} {1}' -f `$c.Elapsed.TotalSeconds, `$rows.Count"
        'module csv first row' = "$setup Import-Module '$ModulePath'; `$c = [Diagnostics.Stopwatch]::StartNew();" +
            "`$first = `$null; `$n = (Get-WwJobResult -Id $($jobs.csv) | ForEach-Object { if (`$null -eq `$first) { `$first = `$c.Elapsed.TotalSeconds }; `$_ } | Measure-Object).Count;" +
            "'{0} {1} {2}' -f `$c.Elapsed.TotalSeconds, `$n, `$first"
    }
    $order = 'module json', 'script json', 'module json measure', 'script json measure', 'module csv', 'script csv', 'module csv first row'
    $results = foreach ($round in 1..$Rounds) {
        foreach ($arm in $(if ($round % 2) { $order } else { $order[($order.Count - 1)..0] })) {
            $line = Invoke-ChildPwsh -Command $arms[$arm] | Select-Object -Last 1
            if ($LASTEXITCODE -ne 0 -or $line -notmatch '^([\d.]+) (\d+)(?: ([\d.]+))?$') { throw "The '$arm' arm failed: $line" }
            if ([int]$Matches[2] -ne $Rows) { throw "The '$arm' arm saw $($Matches[2]) rows, not $Rows." }
            [pscustomobject]@{ Arm = $arm; Seconds = [double]$Matches[1]; First = if ($Matches[3]) { [double]$Matches[3] } }
        }
    }
    $bytes = @{}
    foreach ($format in 'json', 'csv') {
        $answer = Invoke-WebRequest "$base/jobs/$($jobs[$format])/results" -Headers $auth
        $bytes[$format] = if ($format -eq 'json') { $answer.RawContentLength } else { (Invoke-WebRequest ($answer.Content | ConvertFrom-Json).results_uri).RawContentLength }
    }
}
finally {
    Stop-TestEmulator $emulator
}

function Median([string] $Arm, [string] $Field = 'Seconds') { Get-Median ($results | Where-Object Arm -EQ $Arm | ForEach-Object $Field) }
$moduleJson = Median 'module json'; $scriptJson = Median 'script json'
$moduleMeasure = Median 'module json measure'; $scriptMeasure = Median 'script json measure'
$moduleCsv = Median 'module csv'; $scriptCsv = Median 'script csv'
$firstAll = Median 'module csv first row'; $first = Median 'module csv first row' First
'## 7. Results: 100,000 rows into the pipeline'
''
("A job's results of {0:N0} rows × {1} columns (an id, then numbers and words) from the emulator; " -f $Rows, $Columns) +
    "each arm in a fresh pwsh (Import-Module outside the timing), as a runbook's first read is; median of $Rounds alternating rounds. " +
    'The script arms are what a user writes without the module: Invoke-RestMethod, then for JSON a loop that pivots the ' +
    'column-oriented `data` into one object per row, and for CSV a second Invoke-RestMethod on the signed URL piped to ConvertFrom-Csv ' +
    '(whose cells stay text). Rows are taken into a variable; the Measure-Object line pipes them on instead, which adds the same ' +
    'cost per object to both arms.'
''
'| results | body | Get-WwJobResult | Invoke-RestMethod + script | speed-up | goal |'
'| --- | --- | --- | --- | --- | --- |'
'| JSON, column-oriented `data`, into a variable | {0:0.0} MB | {1:0.00} s | {2:0.00} s | {3:0.0}× | ≥ 5× |' -f ($bytes.json / 1MB), $moduleJson, $scriptJson, ($scriptJson / $moduleJson)
'| JSON, the same, through Measure-Object | {0:0.0} MB | {1:0.00} s | {2:0.00} s | {3:0.0}× | |' -f ($bytes.json / 1MB), $moduleMeasure, $scriptMeasure, ($scriptMeasure / $moduleMeasure)
'| CSV behind a signed URL, into a variable | {0:0.0} MB | {1:0.00} s | {2:0.00} s | {3:0.0}× | |' -f ($bytes.csv / 1MB), $moduleCsv, $scriptCsv, ($scriptCsv / $moduleCsv)
''
('Rows flow before the body is read: the first CSV row reached the pipeline {0:0.000} s after the call began, the last at {1:0.00} s ' -f $first, $firstAll) +
    ('({0:0.0} % of the way). Column-oriented JSON has no whole row before its last column, so its rows start once the body is in.' -f (100 * $first / $firstAll))
''
