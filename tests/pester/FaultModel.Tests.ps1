# The fault model, once each against the emulator process with the built module: a fault about one item stays with
# that item; a fault about the server ends the work with one error that counts what was not done; a wait ends a job
# it cannot poll, and a server that never answers or goes quiet, with the true reason, never as a timeout.
BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $live = $env:WW_TEST_LIVE_URI.TrimEnd('/')

    function Add-Fault([hashtable] $Fault) {
        $null = Invoke-RestMethod -Method Post -Uri "$live/_emulator/faults" -Body ($Fault | ConvertTo-Json) -ContentType application/json
    }
    function Reset-Emulator {
        $null = Invoke-RestMethod -Method Delete -Uri "$live/_emulator/faults"
        $null = Invoke-RestMethod -Method Delete -Uri "$live/_emulator/requests"
    }
    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        "http://127.0.0.1:$port/"
    }
    $c = @{ ApiKey = $key; BaseUri = $live }
    $wait = @{ ApiKey = $key; BaseUri = $live; PollIntervalSec = 0.25; InformationAction = 'Ignore' }
}

Describe 'The fault model (built module, emulator process)' {
    AfterEach { Reset-Emulator }

    It 'keeps the good jobs of a call where one id answers 500, in an assignment too' {
        $good, $bad, $other = 1..3 | ForEach-Object { New-LivingJob $live -Running 0 }
        Add-Fault @{ kind = 'status'; status = 500; count = -1; path = "/jobs/$bad"; exact = $true }

        $r = Get-WwJob -Id $good, $bad, $other @c -ErrorVariable errs -ErrorAction SilentlyContinue

        @($r).job_id | Should -Be @($good, $other)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwServiceUnavailable,WoodWide.Commands.GetWwJobCommand'
        $errs[0].TargetObject | Should -Be $bad
        $errs[0].Exception.Message | Should -BeLike "Job $bad*HTTP 500*"
    }

    It 'writes every piped answer, counts exactly what it did not fetch, and keeps them in -OutVariable' {
        $ids = 1..5 | ForEach-Object { New-LivingJob $live -Running 0 }
        # The second, third and fourth ids answer 503: two are their own errors, the third in a row the server's. One
        # request at a time, so "in a row" is the ids' order (concurrent, it is the order the answers come in).
        Add-Fault @{ kind = 'status'; status = 503; count = -1; path = "/jobs/$($ids[1])"; exact = $true }
        Add-Fault @{ kind = 'status'; status = 503; count = -1; path = "/jobs/$($ids[2])"; exact = $true }
        Add-Fault @{ kind = 'status'; status = 503; count = -1; path = "/jobs/$($ids[3])"; exact = $true }

        $caught = $null
        try { $ids | Get-WwJob @c -ThrottleLimit 1 -OutVariable got -ErrorVariable errs -ErrorAction Continue 2>$null } catch { $caught = $_ }

        @($got).job_id | Should -Be @($ids[0])
        $caught.FullyQualifiedErrorId | Should -Be 'WwServiceUnavailable,WoodWide.Commands.GetWwJobCommand'
        $caught.Exception.Message | Should -Match 'Stopped there, since every request to this server fails so for now: 2 job ids were not fetched'
        @($caught.TargetObject) | Should -Be @($ids[3], $ids[4])
        Get-RequestCount $live "/jobs/$($ids[4])" | Should -Be 0
    }

    It 'ends 20 ids against a down API in one error that counts all 20, after at most a handful of requests' {
        $ids = 1..20 | ForEach-Object { [guid]::NewGuid().ToString() }
        $caught = $null
        try { Get-WwJob -Id $ids -ApiKey $key -BaseUri (Get-ClosedPort) -Verbose 4>&1 -OutVariable trace | Out-Null } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'WwConnectionFailed,WoodWide.Commands.GetWwJobCommand'
        $caught.Exception.Message | Should -Match '20 job ids were not fetched'
        @($caught.TargetObject).Count | Should -Be 20
        @($trace | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Count | Should -BeLessOrEqual 12
    }

    It 'names a refused redirect and the withheld key, not the key' {
        $id = New-LivingJob $live -Running 0
        Add-Fault @{ kind = 'redirect'; status = 307; location = "http://localhost:$(([uri]$live).Port)/elsewhere/$id"; count = -1; path = "/jobs/$id" }
        $caught = $null
        try { Get-WwJob -Id $id @c } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'WwRedirectRefused,WoodWide.Commands.GetWwJobCommand'
        $caught.Exception.Message | Should -Match "redirected the request to http://localhost:\d+, another origin .*the API key was withheld there"
        $caught.ErrorDetails.RecommendedAction | Should -Match '-BaseUri'
    }

    It 'ends a job it cannot poll with its own error while the others succeed, and counts it' {
        $a, $b, $d = 1..3 | ForEach-Object { New-LivingJob $live -Running 2 }
        Add-Fault @{ kind = 'status'; status = 500; count = -1; path = "/jobs/$b"; exact = $true }

        $jobs = Wait-WwJob -Id $a, $b, $d @wait -InformationAction Continue -InformationVariable log -ErrorVariable errs -ErrorAction SilentlyContinue 6>$null

        # Both others end at about the same moment: in whichever order their last polls come back.
        @($jobs | Sort-Object job_id).job_id | Should -Be @($a, $d | Sort-Object)
        @($jobs).status | Should -Be @('succeeded', 'succeeded')
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwServiceUnavailable,WoodWide.Commands.WaitWwJobCommand'
        $errs[0].TargetObject | Should -Be $b
        $errs[0].Exception.Message | Should -Match 'It could not be polled: \d+ polls in a row failed while the server answered others'
        "$($log[-1])" | Should -Match '3 jobs: 2 succeeded, 1 could not be polled'
    }

    It 'ends a wait on a server that accepts and never answers with the true reason, warning on the way' {
        Add-Fault @{ kind = 'hang'; count = -1 }
        $caught = $null
        try { Wait-WwJob -Id ([guid]::NewGuid()) @wait -Timeout 12 -WarningVariable warned 3>$null } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'WwRequestTimeout,WoodWide.Commands.WaitWwJobCommand'
        # The first poll's limit, 12 s: no last look goes to a server that has never answered, so its shorter limit
        # is never the reason told, however slow the machine.
        $caught.Exception.Message | Should -Match 'No answer from 127\.0\.0\.1:\d+ within 12 s'
        "$warned" | Should -Match 'No poll answered in 10 s'
    }

    It 'rides out a server that goes quiet, and at the timeout says since when it gave no answer' {
        $id = New-LivingJob $live -Running 60
        $step = Start-ThreadJob -ScriptBlock {
            param($live, $id)
            # Quiet from the moment the job has been answered once.
            while (-not (Invoke-RestMethod "$live/_emulator/requests").paths."/jobs/$id") { Start-Sleep -Milliseconds 50 }
            $body = @{ kind = 'hang'; count = -1 } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Post -Uri "$live/_emulator/faults" -Body $body -ContentType application/json
        } -ArgumentList $live, $id
        $caught = $null
        try { Wait-WwJob -Id $id @wait -Timeout 14 -WarningVariable warned 3>$null } catch { $caught = $_ }
        $step | Wait-Job | Remove-Job

        $caught.FullyQualifiedErrorId | Should -Be 'WwRequestTimeout,WoodWide.Commands.WaitWwJobCommand'
        $caught.Exception.Message | Should -Match 'The server has given no answer since \d\d:\d\d:\d\d UTC, and the timeout of 14 s came during that'
        $caught.Exception.Message | Should -Match 'Stopped waiting for 1 job; Wait-WwJob cancels none'
        "$warned" | Should -Match 'rides it out until the timeout'
    }

    It 'ends the whole wait at once at a rejected key, with one error for every job' {
        $ids = 1..3 | ForEach-Object { New-LivingJob $live -Running 30 }
        Add-Fault @{ kind = 'status'; status = 401; count = -1 }
        $caught = $null
        try { Wait-WwJob -Id $ids @wait } catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -Be 'WwAuthenticationFailed,WoodWide.Commands.WaitWwJobCommand'
        $caught.Exception.Message | Should -Match 'Stopped waiting for 3 jobs; Wait-WwJob cancels none'
        @($caught.TargetObject).Count | Should -Be 3
    }
}
