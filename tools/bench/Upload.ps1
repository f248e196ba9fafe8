# Benchmark 6 of build.ps1 bench: New-WwDataset's upload of a large file against a bare HttpClient PUT of the same file
# to the same emulator's storage, each in a fresh pwsh, alternating rounds. Throughput, and how much the process's
# peak working set grows during the upload (the file is streamed from disk: it must not sit in memory). Prints markdown.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [int] $MegaBytes = 200,
    [int] $Rounds = 3
)
$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path $ModulePath).Path
Import-Module (Join-Path $PSScriptRoot '../../tests/pester/TestHelpers.psm1')
Import-Module (Join-Path $PSScriptRoot '../BuildTools.psm1') -Function Invoke-ChildPwsh, Get-Median

$key = 'sk_bench_' + [guid]::NewGuid().ToString('N')
$folder = New-Item -ItemType Directory -Force (Join-Path ([IO.Path]::GetTempPath()) "ww-bench-upload-$PID")
$file = Join-Path $folder 'big.csv'
$writer = [IO.StreamWriter]::new($file)
try {
    $writer.Write("tenure_months,monthly_spend,churned`n")
    $block = (0..9999 | ForEach-Object { "$($_ % 72),$(20 + $_ % 50).5,$($_ % 2)" }) -join "`n"
    while ($writer.BaseStream.Position -lt $MegaBytes * 1MB) { $writer.Write($block + "`n") }
}
finally { $writer.Dispose() }
$length = (Get-Item $file).Length

$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
try {
    $base = $emulator.BaseUri.TrimEnd('/')
    # Each arm runs in a fresh pwsh, warms up with a small upload, then reports its seconds and peak working set growth.
    $small = Join-Path $folder 'small.csv'
    Set-Content $small "a,b`n1,2`n"
    $setup = "`$ErrorActionPreference = 'Stop'; `$env:WOODWIDE_API_KEY = '$key'; `$env:WOODWIDE_BASE_URL = '$base'; `$ProgressPreference = 'SilentlyContinue';" +
        "`$p = [Diagnostics.Process]::GetCurrentProcess();"
    $module = "$setup Import-Module '$ModulePath'; `$null = New-WwDataset -Path '$small' -Name (New-Guid) -UseSignedUrl;" +
        "`$p.Refresh(); `$before = `$p.PeakWorkingSet64; `$c = [Diagnostics.Stopwatch]::StartNew();" +
        "`$null = New-WwDataset -Path '$file' -Name (New-Guid);" +
        "`$s = `$c.Elapsed.TotalSeconds; `$p.Refresh(); '{0} {1}' -f `$s, (`$p.PeakWorkingSet64 - `$before)"
    $bare = "$setup `$h = [Net.Http.HttpClient]::new(); `$auth = @{ Authorization = 'Bearer $key' };" +
        "function Put([string] `$path) { `$len = (Get-Item `$path).Length;" +
        "  `$body = @{ file = @{ filename = 'f.csv'; bytes = `$len; content_type = 'text/csv' }; dataset_name = [string](New-Guid) } | ConvertTo-Json;" +
        "  `$prep = Invoke-RestMethod -Method Post '$base/datasets/upload' -Headers `$auth -Body `$body -ContentType application/json;" +
        "  `$fs = [IO.File]::OpenRead(`$path); `$content = [Net.Http.StreamContent]::new(`$fs, 81920);" +
        "  `$content.Headers.ContentLength = `$len; `$content.Headers.ContentType = 'text/csv';" +
        "  `$r = `$h.PutAsync(`$prep.upload.upload_url, `$content).GetAwaiter().GetResult(); `$fs.Dispose(); `$null = `$r.EnsureSuccessStatusCode() };" +
        "Put '$small'; `$p.Refresh(); `$before = `$p.PeakWorkingSet64; `$c = [Diagnostics.Stopwatch]::StartNew(); Put '$file';" +
        "`$s = `$c.Elapsed.TotalSeconds; `$p.Refresh(); '{0} {1}' -f `$s, (`$p.PeakWorkingSet64 - `$before)"
    $results = foreach ($round in 1..$Rounds) {
        foreach ($arm in @('module', 'bare') | Sort-Object { ($round % 2) -eq 0 }) {
            $line = Invoke-ChildPwsh -Command $(if ($arm -eq 'module') { $module } else { $bare }) | Select-Object -Last 1
            if ($LASTEXITCODE -ne 0 -or $line -notmatch '^([\d.]+) (\d+)$') { throw "The $arm arm failed: $line" }
            [pscustomobject]@{ Arm = $arm; Seconds = [double]$Matches[1]; Growth = [double]$Matches[2] }
        }
    }
}
finally {
    Stop-TestEmulator $emulator
    Remove-Item $folder -Recurse -Force
}

$module = $results | Where-Object Arm -EQ module
$bare = $results | Where-Object Arm -EQ bare
$moduleSeconds = Get-Median $module.Seconds
$bareSeconds = Get-Median $bare.Seconds
$mb = $length / 1MB
'## 6. Uploading a large file'
''
("A {0:0} MB CSV to the same emulator, each arm in a fresh pwsh after a small warm-up upload; median of {1} alternating rounds. " -f $mb, $Rounds) +
    'New-WwDataset takes the signed-URL flow (prepare, PUT to storage, complete); the bare arm prepares with ' +
    'Invoke-RestMethod and PUTs with an HttpClient over a FileStream. Growth is the rise of the process''s peak working set during the upload.'
''
'| | New-WwDataset | bare HttpClient PUT | New-WwDataset throughput ÷ bare | goal |'
'| --- | --- | --- | --- | --- |'
'| time | {0:0.00} s | {1:0.00} s | {2:0.00}× | ≥ 0.8× |' -f $moduleSeconds, $bareSeconds, ($bareSeconds / $moduleSeconds)
'| throughput | {0:0} MB/s | {1:0} MB/s | | |' -f ($mb / $moduleSeconds), ($mb / $bareSeconds)
'| peak working set growth, most of {0} rounds | {1:0.0} MB | {2:0.0} MB | | < 64 MB |' -f $Rounds, (($module.Growth | Measure-Object -Maximum).Maximum / 1MB), (($bare.Growth | Measure-Object -Maximum).Maximum / 1MB)
''
