# Shared by the Pester suite: start and stop a real emulator process, run a fresh pwsh, and the seeded job ids
# (the emulator's documented examples; see README "Emulator").
Set-StrictMode -Version 3.0

Import-Module (Join-Path $PSScriptRoot '../../tools/BuildTools.psm1') -Function Get-ChildPwsh

$script:SeedJobs = @{
    SucceededTrain     = '6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40'
    RunningTrain       = 'a3e4f5d6-7b8c-4d9e-8f01-23456789abcd'
    FailedTrain        = '0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b'
    SucceededIngest    = '11111111-2222-4333-8444-555555555555'
    WaitingIngest      = '22222222-3333-4444-8555-666666666666'
    FailedIngest       = '44444444-5555-4666-8777-888888888888'
    SucceededInferSync = 'c0ffee00-1234-4abc-9def-0123456789ab'
    ExplainJob         = 'b5c6d7e8-f9a0-4b1c-8d34-e5f6a7b8c9d0'
}

function Get-SeedJobId([Parameter(Mandatory)][string] $Name) {
    if (-not $script:SeedJobs.ContainsKey($Name)) { throw "No seeded job '$Name'." }
    $script:SeedJobs[$Name]
}

function Start-TestEmulator {
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][string] $ApiKey,
        [int] $PageSize = 50,
        [switch] $Empty,
        [string] $Scenario,
        [int] $Latency
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($Path, '--port', '0', '--page-size', $PageSize)
    if ($Empty) { $arguments += '--empty' }
    if ($Scenario) { $arguments += '--scenario', $Scenario }
    if ($Latency) { $arguments += '--latency', $Latency }
    foreach ($a in $arguments) { $info.ArgumentList.Add([string]$a) }
    $info.Environment['WOODWIDE_API_KEY'] = $ApiKey    # not on the command line, where ps would show it
    $info.RedirectStandardOutput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $line = $process.StandardOutput.ReadLineAsync()
    if (-not $line.Wait([TimeSpan]::FromSeconds(30)) -or $line.Result -notmatch 'listening on (\S+)') {
        if (-not $process.HasExited) { $process.Kill() }
        throw "The emulator did not start: '$($line.Result)'."
    }
    [pscustomobject]@{ Process = $process; BaseUri = $Matches[1] }
}

function Stop-TestEmulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill()
        $null = $Emulator.Process.WaitForExit(10000)
    }
}

function New-LivingJob {
    # Creates a job that lives on the emulator's timeline (POST /_emulator/jobs) and returns its id.
    param(
        [Parameter(Mandatory)][string] $BaseUri,
        [string] $Type = 'train',
        [double] $Queued = 0.3,
        [double] $Running = 1,
        [string] $Outcome = 'succeeded',
        [string] $ErrorMessage
    )
    $body = @{ type = $Type; queued_seconds = $Queued; running_seconds = $Running; outcome = $Outcome; credits = 4.5 }
    if ($ErrorMessage) { $body.error_message = $ErrorMessage }
    $job = Invoke-RestMethod -Method Post -Uri ($BaseUri.TrimEnd('/') + '/_emulator/jobs') -Body ($body | ConvertTo-Json) -ContentType 'application/json'
    $job.job_id
}

function Invoke-ChildPwsh {
    # Runs a command in a fresh pwsh, as a CI step would, and returns its exit code and output.
    param([Parameter(Mandatory)][string] $Command)
    $pwsh = Get-ChildPwsh
    $output = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -Command $Command 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
}

Export-ModuleMember -Function Get-SeedJobId, Start-TestEmulator, Stop-TestEmulator, New-LivingJob, Invoke-ChildPwsh
