BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $packageDir = $env:WW_TEST_PACKAGE_DIR
    $manifest = Import-PowerShellDataFile $env:WW_TEST_MODULE
}

Describe 'The package' {
    It 'is a nupkg named for the module version' {
        Join-Path $packageDir "WoodWide.$($manifest.ModuleVersion).nupkg" | Should -Exist
    }

    It 'installs from a local repository and works in a fresh pwsh, imported by name' {
        $repository = 'WoodWideTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $modules = Join-Path $TestDrive 'modules'
        $null = New-Item -ItemType Directory -Path $modules
        Register-PSResourceRepository -Name $repository -Uri $packageDir -Trusted
        try {
            Save-PSResource -Name WoodWide -Repository $repository -Path $modules -TrustRepository
        }
        finally {
            Unregister-PSResourceRepository -Name $repository
        }
        Join-Path $modules "WoodWide/$($manifest.ModuleVersion)/WoodWide.psd1" | Should -Exist

        $separator = [IO.Path]::PathSeparator
        $r = Invoke-CiStep ("`$env:PSModulePath = '$modules' + '$separator' + `$env:PSModulePath; Import-Module WoodWide; " +
            "(Get-Module WoodWide).ModuleBase; `$env:WOODWIDE_API_KEY = '$($env:WW_TEST_API_KEY)'; " +
            "Get-WwJob -Id $(Get-SeedJobId SucceededTrain) -BaseUri '$($env:WW_TEST_BASE_URI)' | Select-Object status, credits_consumed")
        $r.ExitCode | Should -Be 0
        $r.Output | Should -Match ([regex]::Escape((Join-Path $modules 'WoodWide')))
        $r.Output | Should -Match 'succeeded\s+42\.5'
    }

    It 'carries the manifest a gallery expects' {
        $manifest.CmdletsToExport | Should -Not -Contain '*'
        $manifest.FunctionsToExport.Count + $manifest.VariablesToExport.Count + $manifest.AliasesToExport.Count | Should -Be 0
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
        $manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $manifest.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
        $manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        Join-Path (Split-Path $env:WW_TEST_MODULE) 'LICENSE' | Should -Exist
    }
}
