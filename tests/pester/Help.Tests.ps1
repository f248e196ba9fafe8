BeforeDiscovery {
    Import-Module $env:WW_TEST_MODULE -Force
    $cmdlets = Get-Command -Module WoodWide -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    # Every default a user can rely on, by cmdlet and parameter, as the help and its prose state them.
    $promisedDefaults = [ordered]@{}
    foreach ($cmdlet in 'Connect-WwAccount', 'Get-WwDataset', 'Get-WwJob', 'Get-WwJobResult', 'Get-WwModel', 'Invoke-WwInference',
        'New-WwDataset', 'Set-WwModel', 'Start-WwInference', 'Start-WwTraining', 'Wait-WwJob') { $promisedDefaults["$cmdlet -RequestTimeoutSec"] = '60' }
    $promisedDefaults['Get-WwJob -ThrottleLimit'] = '16'
    $promisedDefaults['Start-WwInference -OutputType'] = 'csv'
    $promisedDefaults['Wait-WwJob -Timeout'] = '3600'
    $promisedDefaults['Wait-WwJob -PollIntervalSec'] = '1'
    $promisedDefaults['Wait-WwJob -MaxPollIntervalSec'] = '15'
    $promisedDefaults['Wait-WwJob -ThrottleLimit'] = '16'
    $promisedDefaults['Wait-WwJob -MaxRequestsPerSecond'] = '50'
    $promisedDefaults['Wait-WwJob -Lines'] = 'Auto'
    # The shared parameters' one text, read from its source as a reader of the markdown would: a section's lines joined.
    $sharedSource = Get-Content (Join-Path $PSScriptRoot '../../docs/en-US/common-parameters.md')
    $sharedText = @{}
    $current = $null
    foreach ($line in $sharedSource) {
        if ($line -match '^### (-\w+)$') { $current = $Matches[1]; $sharedText[$current] = @(); continue }
        if ($line -match '^#') { $current = $null; continue }
        if ($current -and $line.Trim()) { $sharedText[$current] += $line.Trim() }
    }
    foreach ($key in @($sharedText.Keys)) { $sharedText[$key] = $sharedText[$key] -join ' ' }
    # -WhatIf and -Confirm are not among them: a cmdlet that supports them documents them.
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    # The parameters a user types: not the common ones, nor any marked DontShow.
    function Get-ShownParameter([string] $Command) {
        (Get-Command $Command).Parameters.Values | Where-Object {
            $_.Name -notin $common -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
        }
    }
}

Describe 'Help of <Name>' -ForEach $cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'opens its page online: the first related link is the cmdlet''s HelpUri' {
        $uri = (Get-Command $Name).HelpUri
        $uri | Should -Be "https://github.com/woodwide/woodwide-powershell/blob/main/docs/en-US/$Name.md"
        $first = @($help.relatedLinks.navigationLink)[0]
        $first.linkText | Should -Be 'Online Version:'
        $first.uri | Should -Be $uri
    }

    It 'has a written synopsis, not the generated syntax stub' {
        "$($help.Synopsis)".Trim() | Should -Not -BeNullOrEmpty
        "$($help.Synopsis)" | Should -Not -Match "^\s*$([regex]::Escape($Name))\s*\["
    }

    It 'has a description' {
        ($help.Description.Text -join ' ').Length | Should -BeGreaterThan 80
    }

    It 'describes every parameter' {
        $parameters = (Get-ShownParameter $Name).Name
        foreach ($parameter in $parameters) {
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
            "$parameter : $($entry.Description.Text -join ' ')" | Should -Match "^$parameter : \S{3,}"
        }
    }

    It 'has at least two examples with code' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $help.Examples.Example | ForEach-Object { $_.Code | Should -Match $Name }
    }

    It 'shows each example title at the same indent' {
        $titles = (Get-Help $Name -Examples | Out-String -Width 200) -split "`r?`n" | Where-Object { $_ -match '--- Example \d' }
        $titles | Should -Not -BeNullOrEmpty
        $titles | ForEach-Object { $_ | Should -Match '^    --- Example' }
    }

    It 'gives the default of every optional parameter that has a real one' {
        # The defaults as the documentation promises them, written here by hand rather than read the way the help
        # generator reads them (off an instance of the cmdlet), so a default that changes in the code, or one the
        # generator stops showing, fails here until a person has looked at it.
        $expected = @{}
        foreach ($entry in $promisedDefaults.GetEnumerator() | Where-Object { $_.Key -like "$Name -*" }) { $expected[$entry.Key.Split(' ')[1]] = $entry.Value }
        $shown = @{}
        foreach ($entry in $help.Parameters.Parameter) {
            if ($entry.DefaultValue -notin 'None', 'False') { $shown["-$($entry.Name)"] = "$($entry.DefaultValue)" }
        }
        ($shown.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key) = $($_.Value)" }) -join '; ' |
            Should -Be (($expected.GetEnumerator() | Sort-Object Key | ForEach-Object { "$($_.Key) = $($_.Value)" }) -join '; ')
        # Where a description names its default in words, "(default N)", it is the one shown.
        foreach ($entry in $help.Parameters.Parameter) {
            $text = $entry.Description.Text -join ' '
            if ($text -match '\(default (?<value>[^;)\s]+)[;)]' -and $entry.DefaultValue -ne 'None') {
                "$($entry.Name): default $($Matches.value)" | Should -Be "$($entry.Name): default $($entry.DefaultValue)"
            }
        }
    }

    It 'shows no default for a required parameter, nor a placeholder for one without a real default' {
        $command = Get-Command $Name
        foreach ($entry in $help.Parameters.Parameter) {
            "$($entry.Name) = $($entry.DefaultValue)" | Should -Not -Match ' = (|0{8}-0{4}-0{4}-0{4}-0{12})$'
            if ($command.Parameters[$entry.Name].ParameterSets.Values | Where-Object IsMandatory) {
                "$($entry.Name) = $($entry.DefaultValue)" | Should -Be "$($entry.Name) = None"
            }
        }
    }

    It 'names each parameter by the type a user passes, as the cmdlet takes it' {
        foreach ($parameter in Get-ShownParameter $Name) {
            if ($parameter.SwitchParameter) { continue }
            $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $parameter.Name
            "$($parameter.Name) <$($entry.parameterValue.'#text' ?? $entry.parameterValue)>" | Should -Be "$($parameter.Name) <$($type.Name)>"
        }
        (Get-Help $Name -Full | Out-String -Width 300) | Should -Not -Match '`\d'
    }

    It 'leaves out the parameters only the pipeline binds' {
        $hidden = (Get-Command $Name).Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } }
        foreach ($parameter in $hidden) {
            ($help.Parameters.Parameter | Where-Object Name -EQ $parameter.Name) | Should -BeNullOrEmpty
            (Get-Help $Name | Out-String -Width 300) | Should -Not -Match "-$($parameter.Name)\b"
        }
    }

    It 'describes -ApiKey, -BaseUri and -RequestTimeoutSec with the one shared text' {
        $sharedText.Keys | Sort-Object | Should -Be @('-ApiKey', '-BaseUri', '-RequestTimeoutSec')
        foreach ($parameter in $sharedText.Keys) {
            if (-not (Get-Command $Name).Parameters.ContainsKey($parameter.TrimStart('-'))) { continue }
            $entry = $help.Parameters.Parameter | Where-Object Name -EQ $parameter.TrimStart('-')
            "$parameter : $("$(@($entry.Description)[0].Text)".Trim())" | Should -Be "$parameter : $($sharedText[$parameter])"
        }
    }

    It 'shows [-WhatIf] [-Confirm] in every syntax when it supports them' {
        $supports = (Get-Command $Name).Parameters.ContainsKey('WhatIf')
        $syntax = ((Get-Help $Name).Syntax | Out-String -Width 1000) -split "`r?`n" | Where-Object { $_ -match "^\s*$Name\b" }
        $syntax | Should -Not -BeNullOrEmpty
        foreach ($line in $syntax) {
            if ($supports) { $line | Should -Match ([regex]::Escape('[-WhatIf] [-Confirm] [<CommonParameters>]')) }
            else { $line | Should -Not -Match 'WhatIf' }
        }
    }
}

Describe 'Defaults a user reads in Get-Help' {
    It 'names the numbers: -Timeout 3600, -ThrottleLimit 16, -RequestTimeoutSec 60' {
        (Get-Help Wait-WwJob -Parameter Timeout).DefaultValue | Should -Be '3600'
        (Get-Help Wait-WwJob -Parameter ThrottleLimit).DefaultValue | Should -Be '16'
        (Get-Help Get-WwJob -Parameter RequestTimeoutSec).DefaultValue | Should -Be '60'
    }
}

Describe 'about_WoodWide' {
    It 'is found by Get-Help' {
        $text = Get-Help about_WoodWide | Out-String
        $text | Should -Match 'WOODWIDE_API_KEY'
        $text | Should -Match 'ErrorAction Stop'
    }
}

Describe 'The about topics' {
    BeforeAll {
        $topics = 'about_WoodWide', 'about_WoodWide_Credentials', 'about_WoodWide_Emulator', 'about_WoodWide_Errors', 'about_WoodWide_Waiting'
        $helpDir = Join-Path (Split-Path $env:WW_TEST_MODULE) 'en-US'
    }

    It 'are all listed by Get-Help about_WoodWide* in a pwsh that imported the built module' {
        $step = Invoke-CiStep "Import-Module '$($env:WW_TEST_MODULE)'; (Get-Help about_WoodWide* | Sort-Object Name).Name -join ','"
        $step.ExitCode | Should -Be 0
        $step.Output.Trim() | Should -Be (($topics | Sort-Object) -join ',')
    }

    It 'follow the about_ text format, within 80 columns: <_>' -ForEach @('about_WoodWide', 'about_WoodWide_Credentials', 'about_WoodWide_Emulator', 'about_WoodWide_Errors', 'about_WoodWide_Waiting') {
        $lines = Get-Content (Join-Path $helpDir "$_.help.txt")
        $lines[0..1] | Should -Be @('TOPIC', "    $_")
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain 'LONG DESCRIPTION'
        $lines | Should -Contain 'SEE ALSO'
        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        # A heading is in capitals at the margin; everything else is indented.
        $lines | Where-Object { $_ -match '^\S' } | ForEach-Object { $_ | Should -MatchExactly '^[A-Z][A-Z0-9 ,_-]*$' }
    }

    It 'list every error of the catalogue in about_WoodWide_Errors, with its category, condition and scope as the catalogue has them' {
        $entries = [ordered]@{}
        $id = $null; $field = $null
        foreach ($line in Get-Content (Join-Path $helpDir 'about_WoodWide_Errors.help.txt')) {
            if ($line -match '^    (Ww\w+)$') { $id = $Matches[1]; $entries[$id] = [ordered]@{}; $field = $null; continue }
            if (-not $id) { continue }
            if ($line -match '^        (Category|When|Scope|To do):\s+(.+)$') { $field = $Matches[1]; $entries[$id][$field] = $Matches[2]; continue }
            if ($field -and $line -match '^ {19}(\S.*)$') { $entries[$id][$field] += ' ' + $Matches[1]; continue }
            $id = $null; $field = $null
        }
        $catalog = (Get-Command Get-WwJob).ImplementingType.Assembly.GetType('WoodWide.Commands.ErrorCatalog', $true)
        $all = $catalog.GetField('All', [System.Reflection.BindingFlags] 'Public, Static').GetValue($null)
        $expected = $all | ForEach-Object { "$($_.Id) | $($_.Category) | $($_.Condition) | $($_.ScopeText) | $($_.Advice)" }
        $listed = $entries.Keys | ForEach-Object { "$_ | $($entries[$_].Category) | $($entries[$_].When) | $($entries[$_].Scope) | $($entries[$_].'To do')" }
        ($listed -join "`n") | Should -Be ($expected -join "`n")
        @($all).Count | Should -BeGreaterThan 30
    }
}
