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
