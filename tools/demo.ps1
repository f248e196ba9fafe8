# The README's main job: WoodWide against a local emulator, start to finish. Run through build.ps1 demo.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/pester/TestHelpers.psm1')

function Show([string] $Command) {
    Write-Host ''
    Write-Host "PS> $Command" -ForegroundColor Yellow
    Invoke-Expression $Command | Out-Host
}

$key = 'sk_demo_' + [guid]::NewGuid().ToString('N')
# The demo scenario: an ingest and a training of about 15 s with progress and ETA, and a training that fails.
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Scenario demo
try {
    Import-Module $ModulePath
    # What a user sets once (or passes as -ApiKey / -BaseUri).
    $env:WOODWIDE_API_KEY = $key
    $env:WOODWIDE_BASE_URL = $emulator.BaseUri
    Write-Host "Emulator on $($emulator.BaseUri); WOODWIDE_API_KEY and WOODWIDE_BASE_URL point at it."

    $ingest = 'de300000-0000-4000-8000-000000000001'
    $train = 'de300000-0000-4000-8000-000000000002'
    $failing = 'de300000-0000-4000-8000-000000000003'
    Write-Host ''
    Write-Host "PS> `$ingest, `$train, `$failing = '$ingest', '$train', '$failing'" -ForegroundColor Yellow

    Show 'Get-WwJob -Id $ingest, $train, $failing'
    # The bars draw in a terminal; with output redirected (a CI log) the state lines tell the story instead.
    Show 'Wait-WwJob -Id $ingest, $train, $failing -ErrorAction Continue | Format-Table'
    Show 'Get-WwJob -Id $train | Select status,credits_consumed'
    Show 'Get-WwJob -Id $failing | Select job_id, status, error_message | Format-List'
    Show 'Get-WwJob -Status failed | Measure-Object | Select-Object Count'
}
finally {
    Stop-TestEmulator $emulator
    Write-Host ''
    Write-Host 'Emulator stopped.'
}
