BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $key = ConvertTo-SecureString $env:WW_TEST_API_KEY -AsPlainText -Force
    $wrongKey = ConvertTo-SecureString "$($env:WW_TEST_API_KEY)-revoked" -AsPlainText -Force
    $base = $env:WW_TEST_BASE_URI
    $train = Get-SeedJobId SucceededTrain
    $missing = '00000000-0000-4000-8000-00000000dead'
    # Child pwsh commands reach the emulator through the environment, as a CI step would.
    $childSetup = "Import-Module '$($env:WW_TEST_MODULE)'; `$env:WOODWIDE_BASE_URL = '$base'; `$env:WOODWIDE_API_KEY = '$($env:WW_TEST_API_KEY)';"
}

Describe 'Errors from Get-WwJob' {
    It 'reports a malformed id as InvalidArgument and goes on' {
        $jobs = 'nope', $train | Get-WwJob -ApiKey $key -BaseUri $base -ErrorVariable errs -ErrorAction SilentlyContinue
        @($jobs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwInvalidJobId,WoodWide.Commands.GetWwJobCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject | Should -Be 'nope'
    }

    It 'reports an unknown job as ObjectNotFound with the API message' {
        $null = Get-WwJob -Id $missing -ApiKey $key -BaseUri $base -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -Be 'WwJobNotFound,WoodWide.Commands.GetWwJobCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missing
        "$($errs[0])" | Should -Match 'Job not found'
    }

    It 'reports a rejected key as AuthenticationError' {
        { Get-WwJob -Id $train -ApiKey $wrongKey -BaseUri $base -ErrorAction Stop } |
            Should -Throw -ErrorId 'WwAuthenticationFailed,WoodWide.Commands.GetWwJobCommand'
    }

    It 'names WOODWIDE_API_KEY and -ApiKey when there is no key' {
        $r = Invoke-CiStep "Remove-Item Env:WOODWIDE_API_KEY -ErrorAction Ignore; Import-Module '$($env:WW_TEST_MODULE)'; Get-WwJob -Id $train -BaseUri '$base'"
        $r.Output | Should -Match 'WOODWIDE_API_KEY'
        $r.Output | Should -Match '-ApiKey'
    }

    It 'refuses plain http to a remote host' {
        { Get-WwJob -Id $train -ApiKey $key -BaseUri 'http://api.woodwide.ai' -ErrorAction Stop } |
            Should -Throw -ErrorId 'WwInsecureBaseUri,WoodWide.Commands.GetWwJobCommand'
    }

    It 'writes the request line to -Verbose and never the key' {
        $verbose = Get-WwJob -Id $train -ApiKey $key -BaseUri $base -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$verbose" | Should -Match "GET /jobs/$train -> 200 OK"
        "$verbose" | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }

    It 'keeps the key out of every stream and $Error on failure paths' {
        $Error.Clear()
        $all = & {
            $DebugPreference = 'Continue'
            $ErrorActionPreference = 'Continue'
            Get-WwJob -Id $missing, 'nope' -ApiKey $key -BaseUri $base -Verbose -Debug
            # A rejected key ends the command: inside Pester's try, that arrives as an exception.
            try { Get-WwJob -Id $train -ApiKey $wrongKey -BaseUri $base -Verbose -Debug } catch { $_ | Format-List * -Force }
            try { Get-WwJob -Status failed -ApiKey $wrongKey -BaseUri $base -Verbose } catch { $_ | Format-List * -Force }
        } *>&1 | Out-String
        $all += $Error | Format-List * -Force | Out-String
        $Error.Count | Should -BeGreaterThan 2
        $all | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }
}

Describe 'Exit codes of a CI step' {
    It 'exits 0 when the job is found' {
        $r = Invoke-CiStep "$childSetup Get-WwJob -Id $train -ErrorAction Stop | Select-Object status, credits_consumed"
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match 'succeeded\s+42\.5'
    }

    It 'exits 1 with -ErrorAction Stop when it is not' {
        $r = Invoke-CiStep "$childSetup Get-WwJob -Id $missing -ErrorAction Stop"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match 'Job not found'
    }

    It 'stops the script at an error that ends the command (<what>), under -ErrorAction Stop' -TestCases @(
        @{ what = 'a wrong key'; step = "Get-WwJob -Id `$train -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force)"; says = 'Invalid API key' }
        @{ what = 'a closed port'; step = "Get-WwJob -Id `$train -BaseUri 'http://127.0.0.1:1'"; says = 'Could not reach 127\.0\.0\.1:1' }
        @{ what = 'a wrong key, waiting'; step = "Wait-WwJob -Id `$train -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force)"; says = 'Invalid API key' }
        @{ what = 'no key at all'; step = "Remove-Item Env:WOODWIDE_API_KEY; Get-WwJob -Id `$train"; says = 'No Wood Wide API key was found' }
    ) {
        # As a script file, the way a CI step runs one: the line after the failing one must not run.
        $script = Join-Path $TestDrive 'step.ps1'
        Set-Content $script "$childSetup `$train = '$train'; $step -ErrorAction Stop; 'the next line ran'"
        $r = Invoke-CiStep "& '$script'"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Not -Match 'the next line ran'
        $r.Output | Should -Match $says
    }

    It 'still runs the next line without -ErrorAction Stop, as for any error that ends a command' {
        $r = Invoke-CiStep "$childSetup Get-WwJob -Id $train -BaseUri 'http://127.0.0.1:1'; 'the next line ran'"
        $r.Output | Should -Match 'the next line ran'
    }
}
