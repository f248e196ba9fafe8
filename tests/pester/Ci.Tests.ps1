# Wait-WwJob as a CI step sees it: a fresh pwsh whose environment is a CI runner's (GITHUB_ACTIONS, TF_BUILD and
# their summary variables), its stdout read as the runner reads it, its exit code checked.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $models = $env:WW_TEST_MODELS_URI
    $live = $env:WW_TEST_LIVE_URI
    $csv = Join-Path $TestDrive 'churn.csv'
    "tenure,plan,churned`n1,basic,1`n30,pro,0`n4,basic,1`n52,pro,0" | Set-Content $csv

    function Invoke-CiRunnerStep([string] $Command, [hashtable] $Environment, [string] $BaseUri) {
        # The step in a fresh pwsh with the runner's variables, and none of a CI system this test itself may run under.
        $variables = @{} + $Environment
        $variables['WOODWIDE_API_KEY'] = $env:WW_TEST_API_KEY
        $variables['WOODWIDE_BASE_URL'] = $BaseUri
        $variables['NO_COLOR'] = '1'
        $step = Start-CiStep -Command $Command -Environment $variables `
            -Remove 'WOODWIDE_CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'TF_BUILD', 'AGENT_TEMPDIRECTORY'
        $r = Wait-CiStep $step -TimeoutSec 120
        [pscustomobject]@{ ExitCode = $r.ExitCode; Out = $r.Out; Err = $r.Err; Lines = $r.Out -split "`r?`n" }
    }

    # A training that fails as a real one does (its label column is not in the data), waited for as a CI step would.
    $failingTraining = @"
Import-Module '$($env:WW_TEST_MODULE)'
`$job = New-WwDataset -Path '$csv' -Name (New-Guid) | Wait-WwJob -PollIntervalSec 0.25 -InformationAction Ignore |
    Start-WwTraining -Name (New-Guid) -ModelType prediction -LabelColumn no_such_column
"training `$(`$job.job_id)"
Wait-WwJob -Id `$job.job_id -PollIntervalSec 0.25 -ErrorAction Stop | Out-Null
'not reached'
"@
}

Describe 'Wait-WwJob under GitHub Actions' {
    BeforeAll {
        $summary = Join-Path $TestDrive 'github_step_summary.md'
        $step = Invoke-CiRunnerStep $failingTraining @{ GITHUB_ACTIONS = 'true'; GITHUB_STEP_SUMMARY = $summary } $models
        $id = ($step.Lines | Where-Object { $_ -like 'training *' }) -replace '^training ', ''
    }

    It 'fails the step (exit 1) on a failing training' {
        $id | Should -Match '^[0-9a-f-]{36}$'
        $step.ExitCode | Should -Be 1
        $step.Out | Should -Not -Match 'not reached'
    }

    It 'makes the failure an error annotation with the job id, its type and the API''s message' {
        $step.Lines | Should -Contain "::error title=Wood Wide train failed::train job $id failed: Label column 'no_such_column' not found in the training data. Columns: tenure, plan, churned."
    }

    It 'folds the wait''s lines into a group, even piped to Out-Null' {
        $start = [array]::IndexOf($step.Lines, "::group::Wait-WwJob: job $id")
        $end = [array]::IndexOf($step.Lines, '::endgroup::')
        $start | Should -BeGreaterOrEqual 0
        $end | Should -BeGreaterThan $start
        $step.Lines[($start + 1)..($end - 1)] | Where-Object { $_ -match "train ${id}: .*failed" } | Should -Not -BeNullOrEmpty
    }

    It 'adds the job to the run''s summary' {
        $text = Get-Content -Raw $summary
        # Each wait adds its own table: the dataset's, then the training's.
        $text | Should -Match '(?m)^### Wait-WwJob: 1 job, 1 succeeded'
        $text | Should -Match '(?m)^### Wait-WwJob: 1 job, 1 failed'
        $text | Should -Match ([regex]::Escape("| ``$id`` | train | failed |"))
        $text | Should -Match "Label column 'no_such_column' not found"
    }

    It 'never writes the key' {
        $step.Out + $step.Err + (Get-Content -Raw $summary) | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }
}

Describe 'Wait-WwJob under Azure Pipelines' {
    BeforeAll {
        $temp = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'agent-temp')
        $step = Invoke-CiRunnerStep $failingTraining @{ TF_BUILD = 'True'; AGENT_TEMPDIRECTORY = $temp.FullName } $models
        $id = ($step.Lines | Where-Object { $_ -like 'training *' }) -replace '^training ', ''
    }

    It 'fails the step with a logged issue, a group, the progress and an uploaded summary' {
        $step.ExitCode | Should -Be 1
        $step.Lines | Should -Contain "##vso[task.logissue type=error]Wood Wide train failed: train job $id failed: Label column 'no_such_column' not found in the training data. Columns: tenure, plan, churned."
        $step.Lines | Should -Contain "##[group]Wait-WwJob: job $id"
        $step.Lines | Should -Contain '##[endgroup]'
        $step.Lines | Should -Contain "##vso[task.setprogress value=100;]Wait-WwJob: job $id"
        $upload = $step.Lines | Where-Object { $_ -like '##vso`[task.uploadsummary`]*' }
        $path = $upload -replace '^##vso\[task\.uploadsummary\]', ''
        Split-Path $path | Should -Be $temp.FullName
        Get-Content -Raw $path | Should -Match ([regex]::Escape("| ``$id`` | train | failed |"))
    }
}

Describe 'Wait-WwJob outside a CI system' {
    It 'writes none of it, and none with WOODWIDE_CI=off under a runner' -TestCases @(
        @{ Environment = @{} }
        @{ Environment = @{ GITHUB_ACTIONS = 'true'; TF_BUILD = 'True'; WOODWIDE_CI = 'off' } }
    ) {
        $id = New-LivingJob $live -Outcome failed
        $step = Invoke-CiRunnerStep "Import-Module '$($env:WW_TEST_MODULE)'; Wait-WwJob -Id $id -PollIntervalSec 0.25 -ErrorAction Stop" $Environment $live
        $step.ExitCode | Should -Be 1
        $step.Out | Should -Match "train ${id}: .*failed"
        $step.Out | Should -Not -Match '::|##vso|##\['
    }
}
