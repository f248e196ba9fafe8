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

    It 'fetches 24 ids under a limit of 4 requests a second: every one written, none failed as rate-limited' {
        # Its 16 requests in flight once each waited out its own Retry-After and went again with the rest: they spent
        # their retries on one another, and the command stopped after 16 ids. After the first 429 they share one pace.
        $body = @{ count = 24; min_seconds = 60; max_seconds = 90; queued_seconds = 0; seed = 19 } | ConvertTo-Json
        $ids = (Invoke-RestMethod -Method Post "$live/_emulator/jobs/bulk" -Body $body -ContentType 'application/json').job_ids
        Invoke-RestMethod -Method Post "$live/_emulator/rate-limit" -Body (@{ per_second = 4 } | ConvertTo-Json) -ContentType 'application/json'
        try {
            $jobs = @(Get-WwJob -Id $ids -ApiKey $key -BaseUri $live -ErrorVariable failed -ErrorAction SilentlyContinue)
            $limit = Invoke-RestMethod "$live/_emulator/rate-limit"
        }
        finally {
            Invoke-RestMethod -Method Delete "$live/_emulator/rate-limit"
        }
        @($failed) | Should -BeNullOrEmpty
        @($jobs.job_id | Sort-Object -Unique).Count | Should -Be 24
        $limit.refused | Should -BeGreaterThan 0
    }

    It 'sweeps the job listing for 300 young jobs at the default pace, and writes each from its own detail' {
        $body = @{ count = 300; min_seconds = 1; max_seconds = 3; queued_seconds = 0.5; failed = 0.1; seed = 17 } | ConvertTo-Json
        $ids = (Invoke-RestMethod -Method Post "$live/_emulator/jobs/bulk" -Body $body -ContentType 'application/json').job_ids
        $null = Invoke-RestMethod -Method Delete "$live/_emulator/requests"

        $all = Wait-WwJob -Id $ids -ApiKey $key -BaseUri $live -NoJobError -InformationAction Ignore -Verbose 4>&1
        $counts = Invoke-RestMethod "$live/_emulator/requests"
        $jobs = @($all | Where-Object { $_ -is [WoodWide.Model.JobDetail] })
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        # Each job once, at its end, with what only its detail carries (a listed job has no credits).
        $jobs.Count | Should -Be 300
        @($jobs.job_id | Select-Object -Unique).Count | Should -Be 300
        @($jobs | Where-Object { $_.status -notin 'succeeded', 'failed' -or $null -eq $_.credits_consumed -or $_.IsSummary }) | Should -BeNullOrEmpty
        # 300 young jobs need about 200 polls a second at their bound, four times the pace: pages of the listing
        # refresh them, and the requests stay under 2 a job (per-job polls at the pace take about 5).
        [int]$counts.paths.'/jobs' | Should -BeGreaterThan 0
        $counts.total | Should -BeLessThan 600
        @($verbose | Where-Object { $_ -like 'Swept the job listing: * page(s), * job(s) seen, * listed as ended*' }).Count | Should -BeGreaterThan 0
        $verbose[-1] | Should -Match "; $($counts.total) request\(s\) \($($counts.paths.'/jobs') of them pages of the job listing, in \d+ sweep\(s\)\)"
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
