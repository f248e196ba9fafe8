BeforeAll {
    $module = Import-Module $env:WW_TEST_MODULE -Force -PassThru
}

Describe 'The built module' {
    It 'imports by path as a binary module' {
        $module.Name | Should -Be 'WoodWide'
        $module.ModuleType | Should -Be 'Binary'
    }

    It 'carries the version of Directory.Build.props' {
        $props = [xml](Get-Content -Raw (Join-Path $PSScriptRoot '../../Directory.Build.props'))
        $expected = @($props.Project.PropertyGroup.VersionPrefix | Where-Object { $_ })[0]
        $module.Version | Should -Be ([version]$expected)
    }

    It 'exports exactly its cmdlets' {
        (Get-Command -Module WoodWide).Name | Sort-Object | Should -Be @('Connect-WwAccount', 'Disconnect-WwAccount', 'Get-WwContext', 'Get-WwJob', 'Wait-WwJob')
    }

    It 'declares JobDetail as the output of <_>' -ForEach 'Get-WwJob', 'Wait-WwJob' {
        (Get-Command $_).OutputType.Type | Should -Be ([WoodWide.Model.JobDetail])
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest $env:WW_TEST_MODULE -ErrorAction Stop } | Should -Not -Throw
    }

    It 'loads its type data: snake_case aliases on JobDetail' {
        $members = (Get-TypeData WoodWide.Model.JobDetail).Members.Keys
        $members | Should -Contain 'credits_consumed'
        $members | Should -Contain 'estimated_seconds_remaining'
    }
}
