# Runs the Pester suite against the built module and a real emulator process. Called by build.ps1 test in a
# child pwsh, so the module loaded here is the one in out/, never the build session's.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $EmulatorPath,
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $SummaryPath,
    # Only these test files (while working on one); all of them when not given.
    [string[]] $TestPath,
    # Only the tests of these full names (wildcards allowed), e.g. to run one alone: all of them when not given.
    [string[]] $FullName
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')

# A key made for this run; the tests check it never appears in any output.
$key = 'sk_pester_' + [guid]::NewGuid().ToString('N')
$emulator = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -PageSize 4
# A second, empty emulator for the living jobs of the wait tests, so the seeded one's listing stays exact.
$living = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty
# A third whose own trainings and inferences run at 1/10 speed, for the runbook: its steps take seconds, not minutes.
$models = Start-TestEmulator -Path $EmulatorPath -ApiKey $key -Empty -TimeScale 0.1
try {
    # Whatever CI system runs the suite, its waits write no CI commands and no summary of their own: Ci.Tests.ps1 gives
    # its steps a runner's environment itself.
    $env:WOODWIDE_CI = 'off'
    $env:WW_TEST_MODULE = (Resolve-Path $ModulePath).Path
    # build.ps1 test packs the module into out/ first; the package tests install it from there.
    $env:WW_TEST_PACKAGE_DIR = Split-Path (Split-Path $env:WW_TEST_MODULE)
    $env:WW_TEST_BASE_URI = $emulator.BaseUri
    $env:WW_TEST_LIVE_URI = $living.BaseUri
    $env:WW_TEST_MODELS_URI = $models.BaseUri
    $env:WW_TEST_API_KEY = $key
    # For tests that start an emulator of their own (the README's blocks run against one with its default key).
    $env:WW_TEST_EMULATOR_PATH = (Resolve-Path $EmulatorPath).Path

    $config = New-PesterConfiguration
    $config.Run.Path = if ($TestPath) { $TestPath } else { $PSScriptRoot }
    $config.Run.PassThru = $true
    if ($FullName) { $config.Filter.FullName = $FullName }
    $config.Output.Verbosity = 'Detailed'
    $config.Output.RenderMode = 'Plaintext'
    $config.TestResult.Enabled = $false
    $result = Invoke-Pester -Configuration $config
}
finally {
    Stop-TestEmulator $emulator
    Stop-TestEmulator $living
    Stop-TestEmulator $models
}
# Blocks and containers that failed (a broken BeforeAll) hide their tests: they count as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
# Each failure named with the first line of its error, for the closing lines of build.ps1 test.
$failedTests = @($result.Failed | ForEach-Object { '{0}: {1}' -f $_.ExpandedPath, "$($_.ErrorRecord | Select-Object -First 1)".Split("`n")[0] }) +
    @($result.FailedBlocks | ForEach-Object { "$($_.ExpandedPath) (block)" }) +
    @($result.FailedContainers | ForEach-Object { "$($_.Item) (file)" })
@{ Passed = $result.PassedCount; Failed = $failed; FailedTests = $failedTests } | ConvertTo-Json | Set-Content -Path $SummaryPath
"Pester: $($result.PassedCount) passed, $failed failed, $($result.SkippedCount) skipped"
exit ([int]($failed -gt 0))
