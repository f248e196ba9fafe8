BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $base = $env:WW_TEST_BASE_URI

    function Get-Completion([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
    }
}

Describe 'Tab completion' {
    It 'completes -Id with the jobs seen in this session, newest first, with no request' {
        $train = Get-SeedJobId SucceededTrain
        $failed = Get-SeedJobId FailedTrain
        $null = Get-WwJob -Id $train, $failed -ApiKey $key -BaseUri $base
        $matches = Get-Completion 'Get-WwJob -Id '
        $matches[0].CompletionText | Should -Be $failed
        $matches.CompletionText | Should -Contain $train
        ($matches | Where-Object CompletionText -EQ $train).ToolTip | Should -Be 'train succeeded'
    }

    It 'completes a typed prefix of an id for Wait-WwJob too' {
        $null = Get-WwJob -Id (Get-SeedJobId WaitingIngest) -ApiKey $key -BaseUri $base
        (Get-Completion 'Wait-WwJob -Id 2222').CompletionText | Should -Be @('22222222-3333-4444-8555-666666666666')
    }

    It 'completes -Status with the documented states' {
        (Get-Completion 'Get-WwJob -Status r').CompletionText | Sort-Object | Should -Be @('rejected', 'running')
    }

    It 'completes -Type with the documented types' {
        (Get-Completion 'Get-WwJob -Type infer').CompletionText | Sort-Object | Should -Be @('infer_batch', 'infer_sync')
    }
}

Describe 'Formatting at 80 columns' {
    It 'answers what each job is doing: status, progress, ETA, credits' {
        $text = Get-WwJob -Id (Get-SeedJobId RunningTrain), (Get-SeedJobId SucceededTrain) -ApiKey $key -BaseUri $base | Out-String -Width 80
        $lines = $text -split "`r?`n" | Where-Object { $_ }
        $lines[0] | Should -Match '^JobId\s+Status\s+Progress\s+ETA\s+Credits'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text | Should -Match 'running\s+42%\s+\d+m'
        $text | Should -Match 'succeeded\s+100%\s+42\.5'
    }

    It 'shows every API field under its API name in Format-List *' {
        $text = Get-WwJob -Id (Get-SeedJobId SucceededTrain) -ApiKey $key -BaseUri $base | Format-List * | Out-String -Width 200
        foreach ($field in 'job_id', 'type', 'status', 'created_at', 'started_at', 'finished_at', 'created_by', 'input', 'output',
            'resources', 'error_message', 'woodwide_runtime_version', 'credits_consumed', 'progress', 'estimated_seconds_remaining') {
            $text | Should -Match "(?m)^$field\s+:"
        }
    }

    It 'has views for the nested objects' {
        $job = Get-WwJob -Id (Get-SeedJobId SucceededTrain) -ApiKey $key -BaseUri $base
        $job.Resources | Out-String | Should -Match 'Model\s+: 0de10000-0000-4000-8000-000000000001 v1'
        $job.Resources.Model | Out-String | Should -Match 'Id\s+VersionId\s+Ver\r?\n'
        $job.CreatedBy | Out-String | Should -Match 'PrincipalType\s+UserId\s+ApiKeyId'
    }
}
