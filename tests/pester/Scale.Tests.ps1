# Waiting at scale and progress that lives: many jobs under a server's rate limit, and a bar that moves between polls.
BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $live = $env:WW_TEST_LIVE_URI.TrimEnd('/')
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
}

Describe 'Waiting at scale' {
    It 'waits for 500 jobs under the emulator''s rate limit, with 429s under 5 % of the requests' {
        # 100 a second on the server, 200 allowed by the wait: it must find the limit and keep under it.
        Invoke-RestMethod -Method Post "$live/_emulator/rate-limit" -Body (@{ per_second = 100 } | ConvertTo-Json) -ContentType 'application/json'
        try {
            $body = @{ count = 500; min_seconds = 1; max_seconds = 4; queued_seconds = 0.5; failed = 0.1; seed = 13 } | ConvertTo-Json
            $ids = (Invoke-RestMethod -Method Post "$live/_emulator/jobs/bulk" -Body $body -ContentType 'application/json').job_ids

            # The log taken with the output (6>&1), not printed: 500 state changes would bury the test run's own log.
            $all = Wait-WwJob -Id $ids -ApiKey $key -BaseUri $live -MaxRequestsPerSecond 200 -NoJobError 6>&1
            $jobs = @($all | Where-Object { $_ -is [WoodWide.Model.JobDetail] })
            $said = @($all | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })
            $limit = Invoke-RestMethod "$live/_emulator/rate-limit"
        }
        finally {
            Invoke-RestMethod -Method Delete "$live/_emulator/rate-limit"
        }
        @($jobs).Count | Should -Be 500
        @($jobs | Where-Object status -NotIn 'succeeded', 'failed') | Should -BeNullOrEmpty
        $limit.refused | Should -BeGreaterThan 0
        ($limit.refused / ($limit.refused + $limit.allowed)) | Should -BeLessThan 0.05
        @($said | Where-Object { "$_" -match '^\[\d\d:\d\d\] The server limits requests \(HTTP 429\)' }).Count | Should -Be 1
    }

    It 'moves a training''s bar between polls, never back and never to 100 before it ends' {
        $id = New-LivingJob -BaseUri $live -Queued 0.5 -Running 10
        $null = Invoke-RestMethod -Method Delete "$live/_emulator/requests"
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$($env:WW_TEST_MODULE)'; `$ProgressPreference = 'Continue'; Wait-WwJob -Id $id -BaseUri '$live' -InformationAction Ignore").
                AddParameter('ApiKey', $key)
            $env:WOODWIDE_API_KEY = $env:WW_TEST_API_KEY
            $null = $ps.Invoke()
            $bars = @($ps.Streams.Progress | Where-Object { $_.ActivityId -ne 0x5757 })
        }
        finally {
            Remove-Item Env:WOODWIDE_API_KEY -ErrorAction SilentlyContinue
            $ps.Dispose()
        }
        $moving = @($bars | Where-Object { $_.RecordType -eq 'Processing' -and $_.PercentComplete -ge 0 } | ForEach-Object PercentComplete)
        # It moved only when a poll said so, or not at all; now it moves each second of the 10-s run at the pace the
        # ETA implies, between the polls (a gap of 1.5 s and more).
        ($moving | Select-Object -Unique).Count | Should -BeGreaterOrEqual 8
        ($moving -join ',') | Should -Be (($moving | Sort-Object) -join ',')
        $moving | ForEach-Object { $_ | Should -BeLessThan 100 }
        ($bars | Select-Object -Last 1).RecordType | Should -Be 'Completed'
    }
}
