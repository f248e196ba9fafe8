# Shared by the Pester suite and the demo: start and stop a real emulator process, run a fresh pwsh, and the seeded
# job ids (the emulator's own list, GET /_emulator/seeds, so they live in one place: src/WoodWide.Emulator/SeedJobs.cs).
Set-StrictMode -Version 3.0

Import-Module (Join-Path $PSScriptRoot '../../tools/BuildTools.psm1') -Function Get-ChildPwsh, Invoke-ChildPwsh

$script:Seeds = $null

function Get-SeedJob {
    # Every seeded job's name and id, from the seeded emulator of this test run ($env:WW_TEST_BASE_URI).
    if (-not $script:Seeds) {
        $script:Seeds = Invoke-RestMethod -Uri ($env:WW_TEST_BASE_URI.TrimEnd('/') + '/_emulator/seeds')
    }
    $script:Seeds.PSObject.Properties | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Id = $_.Value } }
}

function Get-SeedJobId([Parameter(Mandatory)][string] $Name) {
    $seed = Get-SeedJob | Where-Object Name -EQ $Name
    if (-not $seed) { throw "No seeded job '$Name'." }
    $seed.Id
}

function Start-TestEmulator {
    param(
        [Parameter(Mandatory)][string] $Path,
        [Parameter(Mandatory)][string] $ApiKey,
        [int] $PageSize = 50,
        [switch] $Empty,
        [string] $Scenario,
        [int] $Latency,
        [double] $TimeScale = 1
    )
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($Path, '--port', '0', '--page-size', $PageSize)
    if ($Empty) { $arguments += '--empty' }
    if ($Scenario) { $arguments += '--scenario', $Scenario }
    if ($Latency) { $arguments += '--latency', $Latency }
    if ($TimeScale -ne 1) { $arguments += '--time-scale', $TimeScale.ToString([cultureinfo]::InvariantCulture) }
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
        [string] $ErrorMessage,
        # Stays queued until Resume-LivingJob: for tests that move a job on an event, not a clock.
        [switch] $Hold
    )
    $body = @{ type = $Type; queued_seconds = $Queued; running_seconds = $Running; outcome = $Outcome; credits = 4.5; hold = [bool]$Hold }
    if ($ErrorMessage) { $body.error_message = $ErrorMessage }
    $job = Invoke-RestMethod -Method Post -Uri ($BaseUri.TrimEnd('/') + '/_emulator/jobs') -Body ($body | ConvertTo-Json) -ContentType 'application/json'
    $job.job_id
}

function Resume-LivingJob([Parameter(Mandatory)][string] $BaseUri, [Parameter(Mandatory)][string] $Id) {
    # Lets a job made with -Hold go on from its queue.
    $null = Invoke-RestMethod -Method Post -Uri ($BaseUri.TrimEnd('/') + "/_emulator/jobs/$Id/release")
}

function Get-RequestCount([Parameter(Mandatory)][string] $BaseUri, [Parameter(Mandatory)][string] $Path, [switch] $Prefix) {
    # How many API requests for exactly this path (or, with -Prefix, any path under it) the emulator has seen since its
    # counts were last reset.
    $counts = (Invoke-RestMethod ($BaseUri.TrimEnd('/') + '/_emulator/requests')).paths
    $total = 0
    foreach ($entry in $counts.PSObject.Properties) {
        if ($entry.Name -eq $Path -or ($Prefix -and $entry.Name.StartsWith($Path))) { $total += $entry.Value }
    }
    $total
}

function Wait-Until([Parameter(Mandatory)][scriptblock] $Condition, [int] $TimeoutSec = 60) {
    # Waits for an event (the condition turning true), checking every 100 ms; the bound is a guard against a hang.
    $clock = [Diagnostics.Stopwatch]::StartNew()
    while (-not (& $Condition)) {
        if ($clock.Elapsed.TotalSeconds -gt $TimeoutSec) { throw "Still not true after $TimeoutSec s: $Condition" }
        Start-Sleep -Milliseconds 100
    }
}

function Start-CiStep {
    # Starts a command (or a script file) in a fresh pwsh, as a CI step would, without waiting for it: see Wait-CiStep.
    # -Remove takes the names (wildcards allowed) of variables the step must not inherit; -Environment sets others.
    param(
        [string] $Command,
        [string] $File,
        [hashtable] $Environment = @{},
        [string[]] $Remove = @(),
        [string] $WorkingDirectory
    )
    $pwsh = Get-ChildPwsh
    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $what = if ($File) { @('-File', $File) } else { @('-Command', $Command) }
    foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive') + $what) { $info.ArgumentList.Add($a) }
    if ($WorkingDirectory) { $info.WorkingDirectory = $WorkingDirectory }
    foreach ($name in @($info.Environment.Keys)) {
        if ($Remove | Where-Object { $name -like $_ }) { $null = $info.Environment.Remove($name) }
    }
    foreach ($pair in $Environment.GetEnumerator()) { $info.Environment[$pair.Key] = $pair.Value }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    [pscustomobject]@{ Process = $process; Out = $process.StandardOutput.ReadToEndAsync(); Err = $process.StandardError.ReadToEndAsync() }
}

function Wait-CiStep($Step, [int] $TimeoutSec = 120) {
    # The exit code and output of a step from Start-CiStep, once it has ended: both streams together, and each alone.
    if (-not $Step.Process.WaitForExit($TimeoutSec * 1000)) {
        $Step.Process.Kill()
        throw "The CI step did not end within $TimeoutSec s."
    }
    [pscustomobject]@{
        ExitCode = $Step.Process.ExitCode
        Output   = $Step.Out.Result + $Step.Err.Result
        Out      = $Step.Out.Result
        Err      = $Step.Err.Result
    }
}

function Invoke-CiStep {
    # Runs a command in a fresh pwsh, as a CI step would, and returns its exit code and output (both streams).
    param([Parameter(Mandatory)][string] $Command)
    $output = Invoke-ChildPwsh -Command $Command 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
}

function Enter-TestSession {
    # What a test file that waits on jobs sets for all its tests: the key and base URI from the environment, as a
    # user's would be, quick polls, and no log lines (the CI-step tests read those in a child pwsh). The defaults go
    # into the caller's $PSDefaultParameterValues (Pester gives a test file its own), not this module's.
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $BaseUri)
    $env:WOODWIDE_API_KEY = $env:WW_TEST_API_KEY
    $env:WOODWIDE_BASE_URL = $BaseUri
    $defaults = $PSCmdlet.SessionState.PSVariable.GetValue('PSDefaultParameterValues')
    $defaults['Wait-WwJob:PollIntervalSec'] = 0.25
    $defaults['Wait-WwJob:InformationAction'] = 'Ignore'
}

function Exit-TestSession {
    [CmdletBinding()]
    param()
    Remove-Item Env:WOODWIDE_API_KEY, Env:WOODWIDE_BASE_URL -ErrorAction SilentlyContinue
    $defaults = $PSCmdlet.SessionState.PSVariable.GetValue('PSDefaultParameterValues')
    $defaults.Remove('Wait-WwJob:PollIntervalSec')
    $defaults.Remove('Wait-WwJob:InformationAction')
}

Export-ModuleMember -Function Enter-TestSession, Exit-TestSession, Get-SeedJob, Get-SeedJobId, Start-TestEmulator, Stop-TestEmulator, New-LivingJob, Resume-LivingJob,
    Get-RequestCount, Wait-Until, Start-CiStep, Wait-CiStep, Invoke-CiStep
