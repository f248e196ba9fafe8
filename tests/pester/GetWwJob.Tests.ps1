BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $env:WOODWIDE_API_KEY = $env:WW_TEST_API_KEY
    $env:WOODWIDE_BASE_URL = $env:WW_TEST_BASE_URI
    $train = Get-SeedJobId SucceededTrain
}

AfterAll {
    Remove-Item Env:WOODWIDE_API_KEY, Env:WOODWIDE_BASE_URL -ErrorAction SilentlyContinue
}

Describe 'Get-WwJob -Id' {
    It 'answers the card: Get-WwJob -Id $id | Select status,credits_consumed' {
        $row = Get-WwJob -Id $train | Select-Object status, credits_consumed
        $row.status | Should -Be 'succeeded'
        $row.credits_consumed | Should -Be 42.5
    }

    It 'emits a typed JobDetail, not a PSCustomObject' {
        $job = Get-WwJob -Id $train
        $job | Should -BeOfType ([WoodWide.Model.JobDetail])
        $job.pstypenames | Should -Not -Contain 'System.Management.Automation.PSCustomObject'
    }

    It 'answers to PascalCase and snake_case alike, nested too' {
        $job = Get-WwJob -Id $train
        $job.CreditsConsumed | Should -Be $job.credits_consumed
        $job.job_id | Should -Be $job.JobId
        $job.resources.dataset.version_number | Should -Be 1
        $job.Resources.Model.VersionNumber | Should -Be 1
        $job.created_by.principal_type | Should -Be 'api_key'
    }

    It 'reads input and output like any PowerShell object' {
        $job = Get-WwJob -Id $train
        $job.input.model_name | Should -Be 'churn-predictor'
        $job.input.input_columns | Should -Contain 'plan'
        $job.output.metrics.accuracy | Should -Be 0.931
    }

    It 'computes Duration and IsTerminal' {
        $job = Get-WwJob -Id $train
        $job.IsTerminal | Should -BeTrue
        $job.Duration | Should -Be ([timespan]::FromMinutes(29))
    }

    It 'gives a running job an estimated completion time' {
        $job = Get-WwJob -Id (Get-SeedJobId RunningTrain)
        $job.IsTerminal | Should -BeFalse
        $job.progress | Should -Be 42
        $job.EstimatedCompletion | Should -BeGreaterThan ([datetimeoffset]::UtcNow)
    }

    It 'binds CSV rows by their job_id column' {
        $csv = Join-Path $TestDrive 'jobs.csv'
        @([pscustomobject]@{ job_id = $train; note = 'a' }, [pscustomobject]@{ job_id = (Get-SeedJobId FailedTrain); note = 'b' }) |
            Export-Csv -Path $csv
        $jobs = Import-Csv $csv | Get-WwJob
        $jobs.status | Should -Be @('succeeded', 'failed')
        $jobs[1].error_message | Should -Match 'churn_flag'
    }

    It 'passes an unknown job type and its resources through' {
        $job = Get-WwJob -Id (Get-SeedJobId ExplainJob)
        $job.type | Should -Be 'explain'
        $job.resources.type | Should -Be 'explain'
        $job.resources.source_job.id | Should -Be (Get-SeedJobId SucceededInferBatch)
    }
}

Describe 'Get-WwJob (listing)' {
    It 'lists every job across pages' {
        $jobs = Get-WwJob
        $seeded = @(Get-SeedJob).Count
        $seeded | Should -BeGreaterThan 10
        $jobs.Count | Should -Be $seeded
        ($jobs.JobId | Select-Object -Unique).Count | Should -Be $seeded
    }

    It 'filters by status' {
        $jobs = Get-WwJob -Status failed
        $jobs.Count | Should -Be 2
        $jobs.status | Select-Object -Unique | Should -Be 'failed'
    }

    It 'filters by type with wildcards' {
        $types = (Get-WwJob -Type 'infer*').type | Sort-Object -Unique
        $types | Should -Be @('infer_batch', 'infer_sync')
    }

    It 'stops after -First' {
        (Get-WwJob -First 3).Count | Should -Be 3
    }

    It 'feeds its list back into itself for full details' {
        $details = Get-WwJob -Status failed | Get-WwJob
        $details.error_message | Should -Not -Contain $null
    }
}
