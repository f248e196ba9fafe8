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
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key
try {
    Import-Module $ModulePath
    # What a user sets once (or passes as -ApiKey / -BaseUri).
    $env:WOODWIDE_API_KEY = $key
    $env:WOODWIDE_BASE_URL = $emulator.BaseUri
    Write-Host "Emulator on $($emulator.BaseUri); WOODWIDE_API_KEY and WOODWIDE_BASE_URL point at it."

    Show 'Get-WwJob -First 6'
    $id = '6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40'   # a finished training job of the emulator's examples
    Write-Host ''
    Write-Host "PS> `$id = '$id'" -ForegroundColor Yellow
    Show 'Get-WwJob -Id $id | Select status,credits_consumed'
    Show 'Get-WwJob -Id $id | Format-List'
    Show 'Get-WwJob -Status failed | Get-WwJob | Select job_id, type, error_message | Format-List'
    Show 'Get-WwJob -Id 00000000-0000-4000-8000-00000000dead -ErrorAction Continue'
}
finally {
    Stop-TestEmulator $emulator
    Write-Host ''
    Write-Host 'Emulator stopped.'
}
