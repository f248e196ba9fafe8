BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $base = $env:WW_TEST_BASE_URI
    $train = Get-SeedJobId SucceededTrain
    $saved = $env:WOODWIDE_API_KEY, $env:WOODWIDE_BASE_URL
    Remove-Item Env:WOODWIDE_API_KEY, Env:WOODWIDE_BASE_URL -ErrorAction Ignore
}

AfterAll {
    Disconnect-WwAccount
    $env:WOODWIDE_API_KEY, $env:WOODWIDE_BASE_URL = $saved
}

Describe 'Connect-WwAccount, Get-WwContext, Disconnect-WwAccount' {
    It 'connects once, and later calls need no key' {
        $context = Connect-WwAccount -ApiKey $key -BaseUri $base
        $context.KeySource | Should -Be 'Session'
        $context.Reached | Should -Match 'key accepted'
        (Get-WwJob -Id $train).status | Should -Be 'succeeded'
        "$(Get-WwContext | Format-List * | Out-String)" | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }

    It 'reaches thread jobs and ForEach-Object -Parallel in the same process' {
        Connect-WwAccount -ApiKey $key -BaseUri $base | Out-Null
        $module = $env:WW_TEST_MODULE
        $fromJob = Start-ThreadJob { Import-Module $using:module; (Get-WwJob -Id $using:train).status } | Receive-Job -Wait -AutoRemoveJob
        $fromParallel = 1..4 | ForEach-Object -Parallel { Import-Module $using:module; (Get-WwJob -Id $using:train).status } -ThrottleLimit 4
        $fromJob | Should -Be 'succeeded'
        $fromParallel | Should -Be @('succeeded', 'succeeded', 'succeeded', 'succeeded')
    }

    It 'fails without a key where it cannot prompt' {
        $r = Invoke-CiStep "Import-Module '$($env:WW_TEST_MODULE)'; Connect-WwAccount -BaseUri '$base' -ErrorAction Stop"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match '-ApiKey'
    }

    It 'disconnects' {
        Connect-WwAccount -ApiKey $key -BaseUri $base | Out-Null
        Disconnect-WwAccount
        (Get-WwContext).KeySource | Should -Be 'None'
        { Get-WwJob -Id $train -BaseUri $base -ErrorAction Stop } | Should -Throw -ErrorId 'WwApiKeyMissing,WoodWide.Commands.GetWwJobCommand'
    }
}
