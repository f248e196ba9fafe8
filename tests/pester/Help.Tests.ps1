BeforeDiscovery {
    Import-Module $env:WW_TEST_MODULE -Force
    $cmdlets = Get-Command -Module WoodWide -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } }
}

BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    # -WhatIf and -Confirm are not among them: a cmdlet that supports them documents them.
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    # The parameters a user types: not the common ones, nor those the pipeline alone binds (DontShow, as InputStatus).
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
        $command = Get-Command $Name
        $instance = [Activator]::CreateInstance($command.ImplementingType)
        foreach ($entry in $help.Parameters.Parameter) {
            if ($command.Parameters[$entry.Name].ParameterSets.Values | Where-Object IsMandatory) { continue }
            $property = $instance.PSObject.Properties[$entry.Name]
            if (-not $property -or $null -eq $property.Value -or $property.Value -is [array] -or $property.Value -is [switch]) { continue }
            if ($property.Value -eq [guid]::Empty -or $property.Value -eq '') { continue }
            "$($entry.Name) = $($entry.DefaultValue)" | Should -Be "$($entry.Name) = $([string]::Format([cultureinfo]::InvariantCulture, '{0}', $property.Value))"
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
