# The runbook of the README and of issue 12, verbatim, against an emulator process: upload, train, infer, results.
BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $models = $env:WW_TEST_MODELS_URI
    Enter-TestSession $models

    # The emulator's predictions, as its README documents them: a row's score is the FNV-1a hash of its cells joined
    # by commas, over 2^32; a binary label predicts 1 from a score of 0.5, with probability 0.5 + |score - 0.5|.
    function Get-ExpectedScore([string] $Row) {
        [uint64] $hash = 2166136261
        foreach ($b in [System.Text.Encoding]::UTF8.GetBytes($Row)) { $hash = (($hash -bxor $b) * 16777619) % 4294967296 }
        $hash / 4294967296.0
    }

    Push-Location $TestDrive
    "tenure,plan,monthly_spend,churned`n" + ((0..59 | ForEach-Object { "$($_ % 48),$(('basic', 'pro')[$_ % 2]),$(10 + $_).5,$($_ % 2)" }) -join "`n") |
        Set-Content -Path ./churn.csv -NoNewline
    "tenure,plan,monthly_spend`n" + ((0..29 | ForEach-Object { "$_,pro,$(20 + $_).25" }) -join "`n") | Set-Content -Path ./new-customers.csv -NoNewline
    "tenure,plan,monthly_spend`n12,pro,45.50" | Set-Content -Path ./one-customer.csv -NoNewline
}

AfterAll {
    Pop-Location
    Exit-TestSession
}

Describe 'The runbook' {
    It 'runs as written: upload, train, batch inference into a CSV file, one-row inference as a table' {
        $model = New-WwDataset -Path ./churn.csv -Name churn |
            Wait-WwJob |
            Start-WwTraining -Name churn-model -ModelType prediction -LabelColumn churned |
            Wait-WwJob
        Start-WwInference -ModelId $model.ModelId -Path ./new-customers.csv | Wait-WwJob | Get-WwJobResult | Export-Csv predictions.csv
        $table = Invoke-WwInference -ModelId $model.ModelId -Path ./one-customer.csv | Format-Table | Out-String

        $model.Status | Should -Be 'succeeded'
        $model.Type | Should -Be 'train'
        $predictions = Import-Csv predictions.csv
        $predictions.Count | Should -Be 30
        ($predictions[0].PSObject.Properties.Name -join ',') | Should -Be 'id,prediction,prediction_prob'
        $table | Should -Match 'id\s+prediction\s+prediction_prob'

        # Predictions are the emulator's documented function of each row, the same by either road.
        $score = Get-ExpectedScore '12,pro,45.50'
        $one = Invoke-WwInference -ModelId $model.ModelId -Path ./one-customer.csv
        $one.prediction | Should -Be ([int]($score -ge 0.5))
        $one.prediction_prob | Should -Be ([math]::Round(0.5 + [math]::Abs($score - 0.5), 3))
        $seventh = Get-ExpectedScore '7,pro,27.25'
        [double]$predictions[7].prediction_prob | Should -Be ([math]::Round(0.5 + [math]::Abs($seventh - 0.5), 3))
    }

    It 'fails a CI step on a training that fails, with the API''s reason' {
        $step = Invoke-CiStep -Command @"
Import-Module '$($env:WW_TEST_MODULE)'
`$env:WOODWIDE_BASE_URL = '$models'
New-WwDataset -Path ./churn.csv -Name (New-Guid) | Wait-WwJob -PollIntervalSec 0.25 -InformationAction Ignore |
    Start-WwTraining -Name (New-Guid) -ModelType prediction -LabelColumn no_such_column | Wait-WwJob -PollIntervalSec 0.25 -ErrorAction Stop
'not reached'
"@
        $step.ExitCode | Should -Not -Be 0
        $step.Output | Should -Not -Match 'not reached'
        $step.Output | Should -Match "Label column 'no_such_column' not found"
        $step.Output | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }

    Context 'a model trained as the runbook trains it' {
        # Each test here stands alone: the model is this block's own, not one an earlier test left behind.
        BeforeAll {
            # Names are the account's once: not 'churn' and 'churn-model', which the runbook's own test takes.
            $datasetName = "churn-$(New-Guid)"
            $modelName = "churn-model-$(New-Guid)"
            $trained = New-WwDataset -Path ./churn.csv -Name $datasetName | Wait-WwJob -InformationAction Ignore |
                Start-WwTraining -Name $modelName -ModelType prediction -LabelColumn churned | Wait-WwJob -InformationAction Ignore
            $trained.Status | Should -Be 'succeeded'
        }

        It 'shows the trained model ready, with its metrics and where it learned' {
            $model = Get-WwModel | Where-Object model_id -eq $trained.ModelId
            @($model).Count | Should -Be 1
            $model.status | Should -Be 'ready'
            $model.current_metrics.accuracy | Should -BeGreaterThan 0
            $model.training_dataset_name | Should -Be $datasetName
            ($model | Format-List | Out-String) | Should -Match 'current_metrics\s+: accuracy=0.931, f1=0.874'
            ($model | Format-Table | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        }

        It 'writes rows that Export-Csv, ConvertTo-Json and Format-List * show as the API''s columns' {
            $rows = Invoke-WwInference -ModelId $trained.ModelId -Path ./new-customers.csv
            ($rows[0] | ConvertTo-Json -Compress) | Should -Match '^\{"id":0,"prediction":\d,"prediction_prob":0\.\d+\}$'
            ($rows[0] | Format-List * | Out-String) | Should -Match 'prediction_prob : 0\.\d+'
            $rows[0].Inference.model_name | Should -Be $modelName
            $rows | Where-Object prediction_prob -gt 0.5 | Should -Not -BeNullOrEmpty
        }
    }
}
