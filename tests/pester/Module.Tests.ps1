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
        (Get-Command -Module WoodWide).Name | Sort-Object | Should -Be @('Connect-WwAccount', 'Disconnect-WwAccount', 'Get-WwContext', 'Get-WwDataset', 'Get-WwJob', 'Get-WwJobResult', 'Get-WwModel',
            'Invoke-WwInference', 'New-WwDataset', 'Set-WwModel', 'Start-WwInference', 'Start-WwTraining', 'Wait-WwJob')
    }

    It 'declares JobDetail as the output of <_>' -ForEach 'Get-WwJob', 'Wait-WwJob' {
        (Get-Command $_).OutputType.Type | Should -Contain ([WoodWide.Model.JobDetail])
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest $env:WW_TEST_MODULE -ErrorAction Stop } | Should -Not -Throw
    }

    It 'loads its type data: every API type seen through the API-name adapter' {
        foreach ($type in 'JobSummary', 'JobDetail', 'JobPrincipal', 'JobResources', 'DatasetIngestResources', 'TrainResources',
            'InferenceResources', 'VersionRef') {
            (Get-TypeData "WoodWide.Model.$type").TypeAdapter.FullName | Should -Be 'WoodWide.Commands.ApiObjectAdapter'
        }
    }
}

Describe 'Windows PowerShell 5.1 readiness (by construction: it cannot run here)' {
    It 'ships the System.Text.Json closure in Dependencies/' {
        $dir = Join-Path (Split-Path $env:WW_TEST_MODULE) 'Dependencies'
        foreach ($file in 'System.Text.Json.dll', 'System.Memory.dll', 'System.Runtime.CompilerServices.Unsafe.dll', 'Microsoft.Bcl.AsyncInterfaces.dll') {
            Join-Path $dir $file | Should -Exist
        }
    }

    It 'builds against netstandard2.0, with no reference newer than .NET Framework 4.7.2 can load' {
        $dll = [Reflection.Assembly]::LoadFile((Join-Path (Split-Path $env:WW_TEST_MODULE) 'WoodWide.dll'))
        $dll.GetReferencedAssemblies().Name | Should -Contain 'netstandard'
        $dll.GetReferencedAssemblies().Name | Should -Not -Contain 'System.Runtime'
        ($dll.GetCustomAttributes([Runtime.Versioning.TargetFrameworkAttribute], $false)).FrameworkName | Should -Be '.NETStandard,Version=v2.0'
    }
}
