# Source manifest of WoodWide. build.ps1 copies it into out/WoodWide/ and stamps ModuleVersion from
# Directory.Build.props (the one place the version lives); the 0.0.0 here is never shipped.
@{
    RootModule             = 'WoodWide.dll'
    ModuleVersion          = '0.0.0'
    GUID                   = '5b0f3f4e-7d7a-4a52-9a54-1f2d6c3e8b71'
    Author                 = 'WoodWide contributors'
    CompanyName            = 'WoodWide'
    Copyright              = '(c) WoodWide contributors. MIT License.'
    Description            = 'Drive Wood Wide AI from PowerShell: upload datasets, train and retrain models, run inferences and read their results, and get, list and wait for the jobs that do it, with typed objects, progress and CI-friendly errors.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('WoodWide.Format.ps1xml')
    TypesToProcess         = @('WoodWide.Types.ps1xml')
    CmdletsToExport        = @('Connect-WwAccount', 'Disconnect-WwAccount', 'Get-WwContext', 'Get-WwJob', 'Wait-WwJob', 'New-WwDataset', 'Get-WwDataset', 'Start-WwTraining', 'Get-WwModel', 'Set-WwModel', 'Invoke-WwInference', 'Start-WwInference', 'Get-WwJobResult')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('WoodWide', 'MachineLearning', 'Jobs', 'Wait', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/woodwide/woodwide-powershell'
            LicenseUri   = 'https://github.com/woodwide/woodwide-powershell/blob/main/LICENSE'
            ReleaseNotes = 'First release: New-WwDataset, Get-WwDataset; Start-WwTraining, Get-WwModel, Set-WwModel; Start-WwInference, Invoke-WwInference, Get-WwJobResult; Get-WwJob, Wait-WwJob (adaptive polling, sweeps of the job listing, progress and ETA, CI-friendly errors); Connect-WwAccount, Disconnect-WwAccount, Get-WwContext; retries with Retry-After and a shared pace after a 429; a local emulator of the Wood Wide API, also as a .NET tool (woodwide-emulator).'
        }
    }
}
