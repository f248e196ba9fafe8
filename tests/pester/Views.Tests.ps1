# How jobs look to a person and to the serializers: the table and list views, ConvertTo-Json, Export-Csv.
BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $base = $env:WW_TEST_BASE_URI
    $train = Get-SeedJobId SucceededTrain
    $running = Get-SeedJobId RunningTrain
    # The API's JobDetail fields, in the docs' order.
    $apiFields = 'job_id', 'type', 'status', 'created_at', 'started_at', 'finished_at', 'created_by', 'input', 'output',
        'resources', 'error_message', 'woodwide_runtime_version', 'credits_consumed', 'progress', 'estimated_seconds_remaining'
    function Get-Lines([string] $Text) { $Text -split "`r?`n" | Where-Object { $_.Trim() } }
}

Describe 'The job table' {
    It 'answers what each job is doing within 80 columns: id, type, status with progress, ETA' {
        $text = Get-WwJob -Id $running, $train -ApiKey $key -BaseUri $base | Out-String -Width 80
        $lines = Get-Lines $text
        $lines[0] | Should -Match '^JobId\s+Type\s+Status\s+ETA$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text | Should -Match "$running\s+train\s+running 42%\s+\d+m"
        $text | Should -Match "$train\s+train\s+succeeded\s"
    }

    It 'adds credits and the finish time, in UTC and whole, at 120 columns' {
        $job = Get-WwJob -Id $train -ApiKey $key -BaseUri $base
        $text = $job | Out-String -Width 120
        (Get-Lines $text)[0] | Should -Match '^JobId\s+Type\s+Status\s+ETA\s+Credits\s+Finished \(UTC\)$'
        $text | Should -Match ([regex]::Escape($job.FinishedAt.UtcDateTime.ToString('yyyy-MM-dd HH:mm')))
        $text | Should -Match '42\.5'
        $text | Should -Not -Match '…'
    }

    It 'marks listed jobs as summaries, with no credits column, the mark within 80 columns' {
        (Get-WwJob -First 1 -ApiKey $key -BaseUri $base | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text = Get-WwJob -First 3 -ApiKey $key -BaseUri $base | Out-String -Width 120
        $text | Should -Match 'Listed jobs: summaries; pipe to Get-WwJob or add -Detailed for every field'
        $text | Should -Match 'JobId\s+Type\s+Status\s+ETA\s+Created \(UTC\)\s+Finished \(UTC\)'
        $text | Should -Not -CMatch 'Credits'
    }

    It 'shows a job id on its own as plain text' {
        ((Get-WwJob -First 1 -ApiKey $key -BaseUri $base).JobId | Out-String).Trim() | Should -Match '^[0-9a-f-]{36}$'
    }
}

Describe 'The job list view' {
    It 'shows resources, who created it, and how long it ran' {
        $text = Get-WwJob -Id $train -ApiKey $key -BaseUri $base | Format-List | Out-String -Width 160
        $text | Should -Match 'resources\s+: train model 0de10000-0000-4000-8000-000000000001 v1'
        $text | Should -Match 'created_by\s+: api_key'
        $text | Should -Match 'Duration\s+: 00:29:00'
    }

    It 'has views for the nested objects' {
        $job = Get-WwJob -Id $train -ApiKey $key -BaseUri $base
        $job.Resources | Out-String | Should -Match 'Model\s+: 0de10000-0000-4000-8000-000000000001 v1'
        $job.Resources.Model | Out-String | Should -Match 'Id\s+VersionId\s+Ver\r?\n'
        $job.CreatedBy | Out-String | Should -Match 'PrincipalType\s+UserId\s+ApiKeyId'
    }
}

Describe 'Serialization' {
    It 'lists every API field once, under its API name, in Format-List *' {
        $text = Get-WwJob -Id $train -ApiKey $key -BaseUri $base | Format-List * | Out-String -Width 200
        $names = Get-Lines $text | Where-Object { $_ -match '^(\S+)\s+:' } | ForEach-Object { $Matches[1] }
        $names | Should -Be $apiFields
    }

    It 'writes JSON that reads like the API''s, nested objects too' {
        $json = Get-WwJob -Id $train -ApiKey $key -BaseUri $base | ConvertTo-Json -Depth 5 | ConvertFrom-Json -AsHashtable
        @($json.Keys) | Should -Be $apiFields
        @($json.created_by.Keys) | Should -Be @('principal_type', 'user_id', 'api_key_id')
        @($json.resources.model.Keys) | Should -Be @('id', 'version_id', 'version_number')
        $json.credits_consumed | Should -Be 42.5
    }

    It 'exports one CSV column per field, objects as their JSON, nested objects whole' {
        $csv = Join-Path $TestDrive 'jobs.csv'
        Get-WwJob -Id $train -ApiKey $key -BaseUri $base | Export-Csv -Path $csv
        $row = Import-Csv $csv
        $row.PSObject.Properties.Name | Should -Be $apiFields
        ($row.input | ConvertFrom-Json).model_name | Should -Be 'churn-predictor'
        ($row.created_by | ConvertFrom-Json).user_id | Should -Be '7e57ab1e-0000-4000-8000-00000000a11c'
        ($row.resources | ConvertFrom-Json).dataset.version_id | Should -Be 'da7a5e70-0000-4000-8000-0000000000a1'
        $row.credits_consumed | Should -Be '42.5'
    }
}
