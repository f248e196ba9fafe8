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
        ($matches | Where-Object CompletionText -EQ $train).ToolTip | Should -Be 'train · succeeded'
    }

    It 'completes a typed prefix of an id for Wait-WwJob too' {
        $null = Get-WwJob -Id (Get-SeedJobId WaitingIngest) -ApiKey $key -BaseUri $base
        (Get-Completion 'Wait-WwJob -Id 2222').CompletionText | Should -Be @('22222222-3333-4444-8555-666666666666')
    }

    It 'completes every id parameter with the ids of its kind that commands made, newest first' {
        $live = $env:WW_TEST_LIVE_URI
        $csv = Join-Path $TestDrive 'complete.csv'
        "a,b`n1,2`n3,4" | Set-Content $csv
        $upload = New-WwDataset -Path $csv -Name ('complete-' + [guid]::NewGuid().ToString('N')) -ApiKey $key -BaseUri $live
        # The ingest job New-WwDataset started is offered to Wait-WwJob; its dataset to -DatasetId, not to -ModelId.
        (Get-Completion 'Wait-WwJob -Id ')[0].CompletionText | Should -Be "$($upload.JobId)"
        (Get-Completion 'Wait-WwJob -Id ')[0].ToolTip | Should -Be 'dataset_ingest · queued'
        (Get-Completion 'Start-WwTraining -Name m -ModelType prediction -DatasetId ')[0].CompletionText | Should -Be "$($upload.DatasetId)"
        (Get-Completion 'Get-WwDataset -Id ')[0].ToolTip | Should -Be 'dataset from complete.csv'
        (Get-Completion 'Start-WwInference -Path x.csv -ModelId ').CompletionText | Should -Not -Contain "$($upload.DatasetId)"
        (Get-Completion 'Get-WwDataset -VersionId ')[0].CompletionText | Should -Be "$($upload.DatasetVersionId)"
    }

    It 'never offers file names, and says when it has no id of the kind' {
        Push-Location $TestDrive
        try {
            'x' | Set-Content (Join-Path $TestDrive 'model-file.csv')
            # No id of this session starts with "model"; a file here does, and is not offered.
            $none = @(Get-Completion 'Invoke-WwInference -Path x.csv -ModelVersionId model')
            $none.Count | Should -Be 1
            $none[0].ListItemText | Should -Be '(no other model version id seen in this session)'
            $none[0].CompletionText | Should -Be 'model'
        } finally { Pop-Location }
    }

    It 'does not offer again an id the command already has' {
        $train = Get-SeedJobId SucceededTrain
        $failed = Get-SeedJobId FailedTrain
        $null = Get-WwJob -Id $train, $failed -ApiKey $key -BaseUri $base
        $global:jobs = Get-WwJob -Id $failed -ApiKey $key -BaseUri $base
        # A job's id typed as a property of a variable, named or positional, and an id typed as text: none is offered again.
        $offered = (Get-Completion 'Get-WwJob -Id $jobs[0].JobId,').CompletionText
        (Get-Completion 'Get-WwJob $jobs[0].JobId, ').CompletionText | Should -Not -Contain $failed
        $offered | Should -Not -Contain $failed
        $offered | Should -Contain $train
        (Get-Completion "Get-WwJob -Id '$train', ").CompletionText | Should -Not -Contain $train
    }

    It 'completes -Status with the documented states' {
        (Get-Completion 'Get-WwJob -Status r').CompletionText | Sort-Object | Should -Be @('rejected', 'running')
    }

    It 'completes -Type with the documented types' {
        (Get-Completion 'Get-WwJob -Type infer').CompletionText | Sort-Object | Should -Be @('infer_batch', 'infer_sync')
    }
}
