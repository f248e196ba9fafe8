BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $live = $env:WW_TEST_LIVE_URI.TrimEnd('/')
    $base = $env:WW_TEST_BASE_URI.TrimEnd('/')

    function Add-Fault([string] $Uri, [hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri "$Uri/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType application/json
    }
    function Reset-Emulator([string] $Uri) {
        $null = Invoke-RestMethod -Method Delete -Uri "$Uri/_emulator/faults"
        $null = Invoke-RestMethod -Method Delete -Uri "$Uri/_emulator/requests"
    }
}

Describe 'Resilience' {
    AfterEach {
        Reset-Emulator $live
        Reset-Emulator $base
    }

    Describe 'Get-WwJob through faults (built module, emulator process)' {
        It 'rides out two 503s, saying so in -Verbose' {
            $id = New-LivingJob $live -Running 0
            Add-Fault $live @{ kind = 'status'; status = 503; count = 2; path = "/jobs/$id" }
            $verbose = Get-WwJob -Id $id -ApiKey $key -BaseUri $live -Verbose 4>&1
            ($verbose | Where-Object { $_ -is [WoodWide.Model.JobDetail] }).job_id | Should -Be $id
            @($verbose | Where-Object { "$_" -match '503 Service Unavailable .*; retry \d in' }).Count | Should -Be 2
            Get-RequestCount $live "/jobs/$id" | Should -Be 3
        }

        It 'names a proxy''s HTML page as an invalid response' {
            $id = New-LivingJob $live -Running 0
            Add-Fault $live @{ kind = 'html'; status = 200; path = "/jobs/$id" }
            { Get-WwJob -Id $id -ApiKey $key -BaseUri $live -ErrorAction Stop } |
                Should -Throw -ErrorId 'WwInvalidResponse,WoodWide.Commands.GetWwJobCommand'
        }

        It 'turns a hung server into an OperationTimeout error' {
            $id = New-LivingJob $live -Running 0
            Add-Fault $live @{ kind = 'hang'; path = "/jobs/$id" }
            # No answer in time is about the server: the command ends, with one error listing what it did not fetch.
            $caught = $null
            try { $null = Get-WwJob -Id $id -ApiKey $key -BaseUri $live -RequestTimeoutSec 1 } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'WwRequestTimeout,WoodWide.Commands.GetWwJobCommand'
            $caught.CategoryInfo.Category | Should -Be 'OperationTimeout'
            @($caught.TargetObject) | Should -Be @($id)
        }

        It 'answers 10,000 piped ids, in order, none lost' {
            $seeded = (Get-WwJob -ApiKey $key -BaseUri $base).JobId | ForEach-Object { "$_" }
            $before = [GC]::GetTotalMemory($true)
            $state = @{ Index = 0; OutOfOrder = 0 }
            0..9999 | ForEach-Object { $seeded[$_ % $seeded.Count] } | Get-WwJob -ApiKey $key -BaseUri $base | ForEach-Object {
                if ("$($_.JobId)" -ne $seeded[$state.Index % $seeded.Count]) { $state.OutOfOrder++ }
                $state.Index++
            }
            $grown = ([GC]::GetTotalMemory($true) - $before) / 1MB
            $state.Index | Should -Be 10000
            $state.OutOfOrder | Should -Be 0
            $grown | Should -BeLessThan 20
        }
    }

    Describe 'Wait-WwJob through faults' {
        It 'rides out dropped connections and a 429 with Retry-After' {
            $id = New-LivingJob $live -Running 1.5
            # Faults are taken in order: two resets, then a 429 that asks for a second's pause.
            Add-Fault $live @{ kind = 'reset'; count = 2; path = "/jobs/$id" }
            Add-Fault $live @{ kind = 'status'; status = 429; retry_after = '1'; count = 1; path = "/jobs/$id" }
            $out = Wait-WwJob -Id $id -ApiKey $key -BaseUri $live -PollIntervalSec 0.25 -InformationAction Ignore -Verbose 4>&1
            ($out | Where-Object { $_ -is [WoodWide.Model.JobDetail] }).status | Should -Be 'succeeded'
            $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            @($verbose | Where-Object { $_ -match "^GET /jobs/$id -> (Could not reach|The connection to) " }).Count | Should -Be 2
            # The 429 goes to the wait, which pauses every poll for its Retry-After, rather than to a retry in place.
            @($verbose | Where-Object { $_ -match "^GET /jobs/$id -> 429 Too Many Requests \(\d+ ms\)$" }).Count | Should -Be 1
            $verbose[-1] | Should -Match '; \d+ request\(s\), [3-9]\d* retried\.$'
            Get-RequestCount $live "/jobs/$id" | Should -BeGreaterOrEqual 4
        }

        It 'never shows the key while retrying' {
            $id = New-LivingJob $live -Running 1
            Add-Fault $live @{ kind = 'status'; status = 429; retry_after = '1'; count = 1; path = "/jobs/$id" }
            $Error.Clear()
            $all = Wait-WwJob -Id $id -ApiKey $key -BaseUri $live -PollIntervalSec 0.25 -Verbose -Debug *>&1 | Out-String
            $all | Should -Match 'Too Many Requests'
            $all | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
        }
    }
}
