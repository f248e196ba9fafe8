# The emulator as a .NET tool, as a user who has only the packages gets it: installed from out/ (build.ps1 package
# puts WoodWide.Emulator.<version>.nupkg beside the module's) into a throwaway tool path, with that folder as the one
# package source, then started on a free port and used by the README's quick start in a fresh pwsh.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../tools/BuildTools.psm1') -Function Get-ChildPwsh -Force
    $version = (Import-PowerShellDataFile $env:WW_TEST_MODULE).ModuleVersion
    $packageDir = $env:WW_TEST_PACKAGE_DIR
    $tools = Join-Path $TestDrive 'tools'
    $exe = Join-Path $tools ($IsWindows ? 'woodwide-emulator.exe' : 'woodwide-emulator')

    # Only the local folder: no other feed is asked, and the machine's own NuGet settings do not matter.
    $config = Join-Path $TestDrive 'nuget.config'
    Set-Content -Path $config -Value @"
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="woodwide-out" value="$([Security.SecurityElement]::Escape($packageDir))" />
  </packageSources>
</configuration>
"@

    function Invoke-Program([string] $File, [string[]] $Arguments, [hashtable] $Environment = @{}, [int] $TimeoutSec = 120) {
        # Runs a program to its end: exit code, stdout and stderr apart. No WOODWIDE_ or WW_TEST_ variables reach it.
        $info = [System.Diagnostics.ProcessStartInfo]::new($File)
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        foreach ($name in @($info.Environment.Keys) | Where-Object { $_ -like 'WOODWIDE_*' -or $_ -like 'WW_TEST_*' }) { $null = $info.Environment.Remove($name) }
        foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
        $info.WorkingDirectory = $TestDrive
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($info)
        $out = $process.StandardOutput.ReadToEndAsync()
        $err = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) { $process.Kill(); throw "'$File $Arguments' did not end within $TimeoutSec s." }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $out.Result; Errors = $err.Result }
    }

    function Get-FreePort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    # A packages folder of the test's own, so a package of the same version from an earlier build is never reused.
    $install = Invoke-Program dotnet @('tool', 'install', '--tool-path', $tools, '--configfile', $config, 'WoodWide.Emulator', '--version', $version) `
        -Environment @{ NUGET_PACKAGES = (Join-Path $TestDrive 'nuget-packages'); DOTNET_CLI_TELEMETRY_OPTOUT = '1'; DOTNET_NOLOGO = '1' }

    # The tool, started as a user would, on a free port with a key of its own and at 1/10 speed (the quick start's
    # training then takes about a second).
    $key = 'sk_tool_' + [guid]::NewGuid().ToString('N')
    $port = Get-FreePort
    $banner = [System.Collections.Generic.List[string]]::new()
    $emulator = $null
    if (Test-Path $exe) {
        $info = [System.Diagnostics.ProcessStartInfo]::new($exe)
        foreach ($a in '--port', $port, '--api-key', $key, '--time-scale', '0.1') { $info.ArgumentList.Add([string]$a) }
        $null = $info.Environment.Remove('WOODWIDE_API_KEY')
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $info.UseShellExecute = $false
        $emulator = [System.Diagnostics.Process]::Start($info)
        $emulatorErrors = $emulator.StandardError.ReadToEndAsync()
        # Its banner ends with the line that says how to stop it.
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt $deadline) {
            $line = $emulator.StandardOutput.ReadLineAsync()
            if (-not $line.Wait($deadline - [DateTime]::UtcNow) -or $null -eq $line.Result) { break }
            $banner.Add($line.Result)
            if ($line.Result -match 'Ctrl\+C stops it') { break }
        }
    }
    $baseUri = "http://127.0.0.1:$port"
}

AfterAll {
    # Stopped whatever the tests did.
    if ($emulator -and -not $emulator.HasExited) {
        $emulator.Kill()
        $null = $emulator.WaitForExit(10000)
    }
}

Describe 'The emulator as a .NET tool' {
    It 'installs from the built package, with the local folder as the only source' {
        Join-Path $packageDir "WoodWide.Emulator.$version.nupkg" | Should -Exist
        "exit $($install.ExitCode): $($install.Output) $($install.Errors)" | Should -Match '^exit 0: '
        $exe | Should -Exist
    }

    It '--version prints the version of the module' {
        $r = Invoke-Program $exe @('--version')
        $r.ExitCode | Should -Be 0
        $r.Output.Trim() | Should -Be "woodwide-emulator $version"
    }

    It '--help exits 0 and lists every flag the emulator takes, with defaults and an example' {
        $r = Invoke-Program $exe @('--help')
        $r.ExitCode | Should -Be 0
        $r.Errors | Should -BeNullOrEmpty
        # Every flag the parser knows (its case labels), so a new flag without help fails here.
        $source = Get-Content -Raw (Join-Path $PSScriptRoot '../../src/WoodWide.Emulator/CommandLine.cs')
        $flags = [regex]::Matches($source, 'case\s+"(--?[a-z?-]+)"(?:\s+or\s+"(--?[a-z?-]+)")*') |
            ForEach-Object { $_.Groups[1].Value; $_.Groups[2].Captures.Value } | Where-Object { $_ -ne '-?' }
        $flags | Should -Contain '--rate-limit'
        foreach ($flag in @($flags) + '--port', '--api-key', '--empty', '--time-scale', '--latency', '--rate-limit', '--page-size', '--scenario', '--version', '--help', '-h') {
            $r.Output | Should -Match "(?m)^\s+(-h, )?$([regex]::Escape($flag))\b" -Because "the help lists $flag"
        }
        $r.Output | Should -Match 'Default: 5780'
        $r.Output | Should -Match 'sk_emulator_local_key'
        $r.Output | Should -Match '(?m)^\s+woodwide-emulator --port 5780$'
    }

    It 'refuses a bad flag or value with a message and exit code 2, not a stack trace (<Arguments>)' -ForEach @(
        @{ Arguments = @('--bogus'); Message = "Unknown option '--bogus'" }
        @{ Arguments = @('--port', 'abc'); Message = "--port wants a whole number from 0 to 65535, not 'abc'" }
        @{ Arguments = @('--time-scale=0'); Message = '--time-scale wants a number greater than 0' }
        @{ Arguments = @('--page-size'); Message = '--page-size needs a value' }
    ) {
        $r = Invoke-Program $exe $Arguments
        $r.ExitCode | Should -Be 2
        $r.Errors | Should -Match ([regex]::Escape($Message))
        $r.Errors | Should -Match ([regex]::Escape("Try 'woodwide-emulator --help'"))
        $r.Errors | Should -Not -Match 'Exception|   at '
        $r.Output | Should -BeNullOrEmpty
    }

    It 'starts on the port given and prints the two lines to paste into PowerShell' {
        $emulator | Should -Not -BeNullOrEmpty
        $emulator.HasExited | Should -BeFalse -Because "it should be running (stderr: $(if ($emulator.HasExited) { $emulatorErrors.Result }))"
        $banner[0] | Should -Be "WoodWide emulator listening on $baseUri/"
        $banner | Should -Contain "    `$env:WOODWIDE_API_KEY  = '$key'"
        $banner | Should -Contain "    `$env:WOODWIDE_BASE_URL = '$baseUri'"
        (Invoke-RestMethod "$baseUri/_emulator/health") | Should -Not -BeNullOrEmpty
    }

    It 'runs the README quick start in a fresh pwsh' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md')
        $start = [array]::IndexOf($readme, '## Quick start')
        $start | Should -BeGreaterThan 0
        $open = $start + 1
        while ($readme[$open] -ne '```powershell') { $open++ }
        $close = $open + 1
        while ($readme[$close] -ne '```') { $close++ }
        $code = $readme[($open + 1)..($close - 1)] -join "`n"
        # The README's module path, key and port become this test's: each must be there to be replaced.
        foreach ($text in './out/WoodWide/WoodWide.psd1', "'sk_emulator_local_key'", '127.0.0.1:5780') { $code | Should -Match ([regex]::Escape($text)) }
        $code = $code.Replace('./out/WoodWide/WoodWide.psd1', "'$env:WW_TEST_MODULE'").Replace("'sk_emulator_local_key'", "'$key'").Replace('127.0.0.1:5780', "127.0.0.1:$port")
        $script = Join-Path $TestDrive 'quick-start.ps1'
        Set-Content -Path $script -Value $code
        $pwsh = Get-ChildPwsh
        $r = Invoke-Program $pwsh[0] (@($pwsh | Select-Object -Skip 1) + '-NoProfile', '-NonInteractive', '-File', $script) -Environment @{ NO_COLOR = '1' }
        "exit $($r.ExitCode); errors: $($r.Errors)" | Should -Be 'exit 0; errors: '
        $r.Output | Should -Match 'succeeded\s+42\.5'
        $predictions = Import-Csv (Join-Path $TestDrive 'predictions.csv')
        $predictions.Count | Should -Be 2
    }

    It 'refuses a second start on a port that is taken, with exit code 1 and a message' {
        $r = Invoke-Program $exe @('--port', $port) -TimeoutSec 30
        $r.ExitCode | Should -Be 1
        $r.Errors | Should -Match "cannot listen on 127\.0\.0\.1:$port"
        $r.Errors | Should -Not -Match '   at '
    }

    It 'stops on SIGTERM (what a service manager sends; Ctrl+C is SIGINT) with exit code 0' -Skip:$IsWindows {
        & kill -TERM $emulator.Id
        $emulator.WaitForExit(10000) | Should -BeTrue
        $emulator.ExitCode | Should -Be 0
    }
}
