# Every PowerShell block of the README runs as written, in a fresh pwsh, against an emulator process: the commands a
# reader copies must work. One substitution only: the emulator's port (the README's 5780, which another emulator on
# this machine may hold) becomes this test's own. A block marked with an HTML comment '<!-- not run: why -->' on the
# line before it is left out, with its reason; no other block is.
BeforeDiscovery {
    $readmePath = Join-Path $PSScriptRoot '../../README.md'
    $lines = Get-Content $readmePath
    $blocks = [System.Collections.Generic.List[hashtable]]::new()
    for ($i = 0; $i -lt $lines.Count; $i++) {
        if ($lines[$i] -notmatch '^```(powershell|pwsh|ps1)\s*$') { continue }
        $start = $i
        $end = $i + 1
        while ($end -lt $lines.Count -and $lines[$end] -notmatch '^```\s*$') { $end++ }
        $before = if ($start -gt 0) { $lines[$start - 1] } else { '' }
        $skip = if ($before -match '^<!--\s*not run:\s*(.+?)\s*-->$') { $Matches[1] } else { $null }
        $blocks.Add(@{ Line = $start + 1; Code = ($lines[($start + 1)..($end - 1)] -join "`n"); Skip = $skip })
        $i = $end
    }
    $runnable = @($blocks | Where-Object { -not $_.Skip })
    $skipped = @($blocks | Where-Object { $_.Skip })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md')

    # A folder laid out as the repository's root after build.ps1 package: out/WoodWide and the nupkg.
    $root = Join-Path $TestDrive 'readme'
    $null = New-Item -ItemType Directory -Path (Join-Path $root 'out')
    Copy-Item (Split-Path $env:WW_TEST_MODULE) (Join-Path $root 'out/WoodWide') -Recurse
    Copy-Item (Join-Path $env:WW_TEST_PACKAGE_DIR 'WoodWide.*.nupkg') (Join-Path $root 'out')

    function Invoke-ReadmeBlock([string] $Code, [string] $BaseUri) {
        # The block as a script in a fresh pwsh, started in $root, with none of this run's WoodWide variables, and
        # PowerShell's and PSResourceGet's per-user folders (repositories, installed modules) in the test drive.
        $port = ([uri]$BaseUri).Port
        $script = Join-Path $root ("block-{0}.ps1" -f [guid]::NewGuid().ToString('N').Substring(0, 8))
        Set-Content -Path $script -Value ($Code -replace '127\.0\.0\.1:5780', "127.0.0.1:$port")
        $step = Start-CiStep -File $script -WorkingDirectory $root -Remove 'WOODWIDE_*', 'WW_TEST_*' -Environment @{
            XDG_DATA_HOME   = Join-Path $TestDrive 'xdg-data'
            XDG_CONFIG_HOME = Join-Path $TestDrive 'xdg-config'
            XDG_CACHE_HOME  = Join-Path $TestDrive 'xdg-cache'
            NO_COLOR        = '1'
        }
        $r = Wait-CiStep $step -TimeoutSec 180
        [pscustomobject]@{ ExitCode = $r.ExitCode; Output = $r.Out; Errors = $r.Err }
    }
}

Describe 'The README' {
    It 'keeps the two set-up commands, as .ci/run and a new reader use them' {
        $readme | Should -Contain '| all tests: xunit, then Pester against the built module and a real emulator process | `dotnet tool restore && dotnet pwsh ./build.ps1 test` |'
        ($readme -join "`n") | Should -Match ([regex]::Escape('`dotnet tool restore && dotnet pwsh ./build.ps1 demo`'))
        ($readme -join "`n") | Should -Match ([regex]::Escape('`dotnet tool restore && dotnet pwsh ./build.ps1 test`'))
    }

    It 'is a front door, not the reference: at most 200 lines' {
        $readme.Count | Should -BeLessOrEqual 200
    }

    It 'says why each block it does not run is left out (<Line>: <Skip>)' -ForEach $skipped {
        $Skip | Should -Not -BeNullOrEmpty
    }
}

Describe 'The README block at line <Line>' -ForEach $runnable {
    BeforeAll {
        # A fresh emulator for each block, so no block meets what another made.
        # Its key is the emulator's default, the one the README gives.
        $emulator = Start-TestEmulator -Path $env:WW_TEST_EMULATOR_PATH -ApiKey 'sk_emulator_local_key' -TimeScale 0.1
    }
    AfterAll {
        Stop-TestEmulator $emulator
    }

    It 'runs as written, with no error' {
        $r = Invoke-ReadmeBlock $Code $emulator.BaseUri
        "exit $($r.ExitCode); errors: $($r.Errors)" | Should -Be 'exit 0; errors: '
    }

    # A reader runs the quick start again, on the same emulator: names are unique in an account, and it must not
    # meet the names its first run took.
    It 'runs a second time on the same emulator, as written, when it makes datasets' -Skip:($Code -notmatch 'New-WwDataset') {
        $r = Invoke-ReadmeBlock $Code $emulator.BaseUri
        "exit $($r.ExitCode); errors: $($r.Errors)" | Should -Be 'exit 0; errors: '
    }
}
