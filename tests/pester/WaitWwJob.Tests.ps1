BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $live = $env:WW_TEST_LIVE_URI
    Enter-TestSession $live   # the CI-step tests below read the log lines, in child processes
    $childSetup = "Import-Module '$($env:WW_TEST_MODULE)'; `$env:WOODWIDE_BASE_URL = '$live'; `$env:WOODWIDE_API_KEY = '$($env:WW_TEST_API_KEY)';"
}

AfterAll {
    Exit-TestSession
}

Describe 'Wait-WwJob' {
    It 'waits for a job and answers Select status,credits_consumed' {
        $id = New-LivingJob $live
        $row = Wait-WwJob -Id $id | Select-Object status, credits_consumed
        $row.status | Should -Be 'succeeded'
        $row.credits_consumed | Should -Be 4.5
    }

    It 'reports a <outcome> job as <errorId> and still emits it' -TestCases @(
        @{ outcome = 'failed'; errorId = 'WwJobFailed' }
        @{ outcome = 'canceled'; errorId = 'WwJobCanceled' }
        @{ outcome = 'rejected'; errorId = 'WwJobRejected' }
    ) {
        $id = New-LivingJob $live -Outcome $outcome -ErrorMessage "It went $outcome."
        $job = Wait-WwJob -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
        $job.status | Should -Be $outcome
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be "$errorId,WoodWide.Commands.WaitWwJobCommand"
        "$($errs[0])" | Should -Match "It went $outcome"
        $errs[0].TargetObject.job_id | Should -Be $id
    }

    It 'times out with an OperationTimeout error naming the job as it stood at the deadline' {
        # Queued when first polled, running by the deadline; polls 10 s apart, so the poll due at 10 s is brought to the
        # deadline: the error must show the job as that last look found it, not as the first answer did. How soon after
        # the deadline the wait ends is timed on a fake clock (WaitDriverTests.Times_out_with_the_limit_in_the_event).
        $id = New-LivingJob $live -Queued 0.5 -Running 60
        $out = Wait-WwJob -Id $id -Timeout 1 -PollIntervalSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwJobTimeout,WoodWide.Commands.WaitWwJobCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($errs[0])" | Should -Match 'did not finish within 1 s'
        $errs[0].TargetObject.job_id | Should -Be $id
        $errs[0].TargetObject.status | Should -Be 'running'
        # The first poll and the last look: no poll after the deadline.
        Get-RequestCount $live "/jobs/$id" | Should -Be 2
    }

    It 'returns at the first job to end with -Any' {
        $slow = New-LivingJob $live -Running 60
        $quick = New-LivingJob $live -Running 0.5
        $out = Wait-WwJob -Id $slow, $quick -Any
        @($out).Count | Should -Be 1
        $out.job_id | Should -Be $quick
    }

    It 'stops at the first failure with -FailFast, and reports it' {
        $slow = New-LivingJob $live -Running 60
        $failing = New-LivingJob $live -Running 0.5 -Outcome failed -ErrorMessage 'It broke first.'
        $out = Wait-WwJob -Id $slow, $failing -FailFast -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.job_id | Should -Be $failing
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwJobFailed,WoodWide.Commands.WaitWwJobCommand'
        "$($errs[0])" | Should -Match 'It broke first'
    }

    It 'takes JobDetail objects from Get-WwJob' {
        $ids = (New-LivingJob $live -Running 0.5), (New-LivingJob $live -Running 1)
        $out = Get-WwJob -Id $ids | Wait-WwJob
        $out.status | Should -Be @('succeeded', 'succeeded')
    }
}

Describe 'Wait-WwJob in a CI step' {
    It 'exits 0 when the job succeeds, and logs each state change once' {
        # Held in its queue until the step has polled it twice (so it has seen the queue), then a run of 3 s that polls
        # at most half a second apart must see.
        $id = New-LivingJob $live -Queued 0 -Running 3 -Hold
        $step = Start-CiStep "$childSetup Wait-WwJob -Id $id -PollIntervalSec 0.25 -MaxPollIntervalSec 0.5 -ErrorAction Stop | Select-Object status, credits_consumed"
        Wait-Until { (Get-RequestCount $live "/jobs/$id") -ge 2 }
        Resume-LivingJob $live $id
        $r = Wait-CiStep $step
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match "train ${id}: queued"
        $r.Output | Should -Match "train ${id}: queued -> running"
        $r.Output | Should -Match "train ${id}: running -> succeeded after [\d:]+, 4\.5 credits"
        ([regex]::Matches($r.Output, "queued -> running")).Count | Should -Be 1
        $r.Output | Should -Match 'succeeded\s+4\.5'
    }

    It 'exits 1 when the job fails' {
        $id = New-LivingJob $live -Running 0.5 -Outcome failed -ErrorMessage 'Out of memory.'
        $r = Invoke-CiStep "$childSetup Wait-WwJob -Id $id -PollIntervalSec 0.25 -ErrorAction Stop"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match 'Out of memory'
    }

    It 'exits 1 on a timeout' {
        $id = New-LivingJob $live -Running 60
        $r = Invoke-CiStep "$childSetup Wait-WwJob -Id $id -Timeout 1 -ErrorAction Stop"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match 'did not finish within 1 s'
    }

    It 'keeps quiet with -InformationAction Ignore' {
        $id = New-LivingJob $live -Running 0.5
        $r = Invoke-CiStep "$childSetup Wait-WwJob -Id $id -PollIntervalSec 0.25 -InformationAction Ignore | Out-Null"
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Not -Match 'succeeded'
    }
}

Describe 'Wait-WwJob -AsJob' {
    It 'returns a job whose output is the wait''s' {
        $id = New-LivingJob $live -Running 1
        $job = Wait-WwJob -Id $id -AsJob -ApiKey (ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force)
        $job | Should -BeOfType ([System.Management.Automation.Job])
        $job.PSJobTypeName | Should -Be 'WoodWideWaitJob'
        $out = $job | Receive-Job -Wait -AutoRemoveJob
        $out.status | Should -Be 'succeeded'
        $out.credits_consumed | Should -Be 4.5
        # The objects show their fields too: the job's runspace loads the module's types, not just its dll.
        ($out | Select-Object status, credits_consumed).credits_consumed | Should -Be 4.5
        @(($out | ConvertTo-Json | ConvertFrom-Json -AsHashtable).Keys) | Should -Contain 'credits_consumed' 
    }

    It 'carries the wait''s errors' {
        $id = New-LivingJob $live -Running 0.5 -Outcome failed -ErrorMessage 'Boom in a job.'
        $job = Wait-WwJob -Id $id -AsJob
        $null = $job | Wait-Job -Timeout 30
        $out = $job | Receive-Job -ErrorVariable errs -ErrorAction SilentlyContinue
        $job | Remove-Job
        $out.status | Should -Be 'failed'
        $errs[0].FullyQualifiedErrorId | Should -Match '^WwJobFailed,'
        "$($errs[0])" | Should -Match 'Boom in a job'
    }

    It 'stops with Stop-Job' {
        $id = New-LivingJob $live -Running 60
        $job = Wait-WwJob -Id $id -AsJob
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        $job | Remove-Job
    }

    It 'names two ids and the count in the command of a job that waits for many' {
        $ids = 1..40 | ForEach-Object { New-LivingJob $live -Running 60 }
        $job = $ids | Wait-WwJob -AsJob
        try {
            $job.Command | Should -Be "Wait-WwJob -Id $($ids[0]),$($ids[1]),… (40 jobs)"
        }
        finally {
            $job | Stop-Job -PassThru | Remove-Job
        }
    }
}
