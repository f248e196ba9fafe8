# The README's main job: a whole Wood Wide runbook against a local emulator, start to finish: upload, train (with
# progress and ETA), batch inference, results as a table and a CSV file, and a failing training as a CI step sees
# it. Run through build.ps1 demo; under a minute.
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

function Say([string] $Text) {
    Write-Host ''
    Write-Host "# $Text" -ForegroundColor DarkGray
}

$key = 'sk_demo_' + [guid]::NewGuid().ToString('N')
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
$folder = Join-Path ([System.IO.Path]::GetTempPath()) ('woodwide-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $folder
Push-Location $folder
try {
    Import-Module $ModulePath
    # What a user sets once (or passes as -ApiKey / -BaseUri).
    $env:WOODWIDE_API_KEY = $key
    $env:WOODWIDE_BASE_URL = $emulator.BaseUri
    Write-Host "Emulator on $($emulator.BaseUri); WOODWIDE_API_KEY and WOODWIDE_BASE_URL point at it. Working in $folder."

    # The data: last year's customers with whether they left, and this month's new ones.
    $plans = 'basic', 'pro', 'team'
    "tenure,plan,monthly_spend,churned`n" + ((0..299 | ForEach-Object { "$($_ % 60),$($plans[$_ % 3]),$(10 + ($_ * 7) % 90).50,$([int](($_ % 60) -lt 12))" }) -join "`n") |
        Set-Content ./churn.csv -NoNewline
    "tenure,plan,monthly_spend`n" + ((0..49 | ForEach-Object { "$($_ % 36),$($plans[$_ % 3]),$(15 + ($_ * 11) % 80).25" }) -join "`n") |
        Set-Content ./new-customers.csv -NoNewline
    "tenure,plan,monthly_spend`n3,pro,89.00" | Set-Content ./one-customer.csv -NoNewline

    Say 'Upload, wait for the ingest, start a model training on it: one pipeline.'
    # Dot-sourced: the assignment lands in this script's scope, not Show's.
    . Show '$training = New-WwDataset -Path ./churn.csv -Name churn | Wait-WwJob | Start-WwTraining -Name churn-model -ModelType prediction -LabelColumn churned'
    Show '$training'
    Say 'A few seconds in, the training reports its progress and how long it has left.'
    Show 'Start-Sleep -Seconds 4; Get-WwJob -Id $training.JobId'
    . Show '$model = $training | Wait-WwJob'
    Show '$model | Format-List JobId, Type, Status, ModelId, credits_consumed'
    Show 'Get-WwModel -Id $model.ModelId | Format-List'

    Say 'Score this month''s customers as a job, take the results as rows, keep them as a CSV file.'
    Show 'Start-WwInference -ModelId $model.ModelId -Path ./new-customers.csv | Wait-WwJob | Get-WwJobResult | Export-Csv predictions.csv'
    Show 'Import-Csv predictions.csv | Sort-Object { [double]$_.prediction_prob } -Descending | Select-Object -First 5 | Format-Table'

    Say 'One customer, answered at once.'
    Show 'Invoke-WwInference -ModelId $model.ModelId -Path ./one-customer.csv | Format-Table'

    Say 'A CI step whose training fails (a label the data does not have) fails the build, with the API''s reason.'
    $step = "Start-WwTraining -Name churn-typo -ModelType prediction -DatasetId $($model.DatasetId) -LabelColumn churn_flag | Wait-WwJob -ErrorAction Stop; 'deployed'"
    Write-Host ''
    Write-Host "ci> pwsh -Command `"$step`"" -ForegroundColor Yellow
    $ci = Invoke-CiStep "Import-Module '$ModulePath'; $step"
    $ci.Output.TrimEnd() | Out-Host
    Write-Host "ci> exit code $($ci.ExitCode)" -ForegroundColor Yellow
    if ($ci.ExitCode -eq 0) { throw 'The failing training did not fail its CI step.' }
}
finally {
    Pop-Location
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
    Stop-TestEmulator $emulator
    Write-Host ''
    Write-Host 'Emulator stopped.'
}
