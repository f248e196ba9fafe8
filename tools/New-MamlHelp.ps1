# Builds the module's MAML help (en-US/WoodWide.dll-Help.xml) from docs/en-US/<Cmdlet>.md, and lays out the about_
# topics. Prose comes from the markdown; syntax, types, positions, aliases and pipeline input come from the cmdlets
# themselves, so the help cannot drift from the code. platyPS would do this, but it is not available here.
# The parameters every API cmdlet shares (-ApiKey, -BaseUri, -RequestTimeoutSec) are described once, in
# docs/en-US/common-parameters.md, and that text is put into each page that has them, as -WhatIf and -Confirm are;
# a page's own section for one of them is added after the shared text. An about topic line that is only
# {{ErrorCatalog}} becomes the error catalogue (Commands/ErrorCatalog.cs), read from the built module.
# Runs in a child pwsh (build.ps1 build), so the build session never loads the module's dll.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $DocsPath,
    [Parameter(Mandatory)][string] $OutPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
# -WhatIf and -Confirm are left out of <CommonParameters>: a cmdlet that supports ShouldProcess shows them, as platyPS does.
$common = [System.Management.Automation.PSCmdlet]::CommonParameters + 'UseTransaction'
$shouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Split-Sections([string[]] $Lines, [string] $Marker) {
    # '## NAME' (or '### NAME') starts a section; returns an ordered map of name -> lines.
    $sections = [ordered]@{}
    $current = $null
    foreach ($line in $Lines) {
        if ($line -match "^$Marker (.+)$") { $current = $Matches[1].Trim(); $sections[$current] = [System.Collections.Generic.List[string]]::new(); continue }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    $sections
}

function Get-Paragraphs([string[]] $Lines) {
    # Blank lines separate paragraphs; lines of one paragraph are joined, as markdown renders them.
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    foreach ($line in @($Lines) + '') {
        if ($line.Trim()) { $buffer.Add($line.Trim()); continue }
        if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() }
    }
    , $paragraphs
}

function Write-Paras($Writer, [string[]] $Lines) {
    foreach ($p in (Get-Paragraphs $Lines)) { $Writer.WriteElementString('para', $maml, $p) }
}

function Read-Doc([string] $Path) {
    $sections = Split-Sections (Get-Content $Path) '##'
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS') {
        if (-not $sections.Contains($required)) { throw "$Path has no '## $required' section." }
    }
    $sections
}

function Get-PipelineText($Parameter) {
    $how = @()
    if ($Parameter.ValueFromPipeline) { $how += 'ByValue' }
    if ($Parameter.ValueFromPipelineByPropertyName) { $how += 'ByPropertyName' }
    if ($how) { "True ($($how -join ', '))" } else { 'False' }
}

function Get-DefaultText($Defaults, $Parameter, [bool] $Mandatory) {
    # The value a parameter has when it is not given: read off a fresh instance of the cmdlet, so it cannot drift.
    # A required parameter has none to speak of, and neither has one whose property merely starts empty (an empty
    # Guid or string is a placeholder, not a default a user could rely on).
    if ($Mandatory) { return 'None' }
    if ($Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return 'False' }
    # Parameters PowerShell adds (-First, -Skip of SupportsPaging; -WhatIf, -Confirm) are no property of the cmdlet.
    $property = $Defaults.PSObject.Properties[$Parameter.Name]
    if (-not $property) { return 'None' }
    $value = $property.Value
    if ($null -eq $value -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if (($value -is [guid] -and $value -eq [guid]::Empty) -or ($value -is [string] -and $value.Length -eq 0)) { return 'None' }
    [string]::Format([cultureinfo]::InvariantCulture, '{0}', $value)
}

function Get-ShownType([type] $Type) {
    # What a user passes: a Nullable<Guid> takes a Guid, so it reads <Guid>, not <Nullable`1>.
    $underlying = [System.Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying } else { $Type }
}

function Write-ParameterElement($Writer, $Parameter, [string[]] $Description, [bool] $Mandatory, $Position, [string] $Default = 'None') {
    $Writer.WriteStartElement('command', 'parameter', $command)
    $Writer.WriteAttributeString('required', "$Mandatory".ToLower())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', "$([bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }))".ToLower())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineText $Parameter))
    $Writer.WriteAttributeString('position', $(if ($Position -ge 0) { "$Position" } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('name', $maml, $Parameter.Name)
    $Writer.WriteStartElement('description', $maml); Write-Paras $Writer $Description; $Writer.WriteEndElement()
    $isSwitch = $Parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]
    if (-not $isSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteString((Get-ShownType $Parameter.ParameterType).Name)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $dev); $Writer.WriteElementString('name', $maml, (Get-ShownType $Parameter.ParameterType).FullName); $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $dev, $Default)
    $Writer.WriteEndElement()
}

function Write-TypeList($Writer, [string] $ListName, [string] $ItemName, $Sections) {
    $Writer.WriteStartElement('command', $ListName, $command)
    foreach ($type in $Sections.Keys) {
        $Writer.WriteStartElement('command', $ItemName, $command)
        $Writer.WriteStartElement('dev', 'type', $dev); $Writer.WriteElementString('name', $maml, $type); $Writer.WriteEndElement()
        $Writer.WriteStartElement('description', $maml); Write-Paras $Writer $Sections[$type]; $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-Command($Writer, $Info, $Doc) {
    $parameterDocs = Split-Sections $Doc['PARAMETERS'] '###'
    # A parameter marked DontShow is the pipeline's, never typed by hand (InputStatus): no help, as platyPS leaves it out.
    $hidden = @($Info.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } } |
        ForEach-Object Name)
    $parameters = $Info.Parameters.Values | Where-Object { $_.Name -notin $common -and $_.Name -notin $hidden }
    foreach ($p in $parameters) {
        if ($shouldProcessText.Contains($p.Name) -and -not $parameterDocs.Contains("-$($p.Name)")) {
            $parameterDocs["-$($p.Name)"] = [System.Collections.Generic.List[string]]@($shouldProcessText[$p.Name])
        }
        if ($sharedText.Contains("-$($p.Name)")) {
            # The one shared text, then what this page adds for its cmdlet (if anything), as a paragraph of its own.
            $text = [System.Collections.Generic.List[string]]::new()
            $text.AddRange([string[]]@($sharedText["-$($p.Name)"]))
            if ($parameterDocs.Contains("-$($p.Name)")) { $text.Add(''); $text.AddRange([string[]]@($parameterDocs["-$($p.Name)"])) }
            $parameterDocs["-$($p.Name)"] = $text
        }
        if (-not $parameterDocs.Contains("-$($p.Name)") -or -not (Get-Paragraphs $parameterDocs["-$($p.Name)"]).Count) {
            throw "docs: $($Info.Name) -$($p.Name) has no description."
        }
    }

    $Writer.WriteStartElement('command', 'command', $command)
    $Writer.WriteStartElement('command', 'details', $command)
    $Writer.WriteElementString('name', $command, $Info.Name)
    $Writer.WriteElementString('verb', $command, $Info.Verb)
    $Writer.WriteElementString('noun', $command, $Info.Noun)
    $Writer.WriteStartElement('description', $maml); Write-Paras $Writer $Doc['SYNOPSIS']; $Writer.WriteEndElement()
    $Writer.WriteEndElement()
    $Writer.WriteStartElement('description', $maml); Write-Paras $Writer $Doc['DESCRIPTION']; $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $Info.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $command)
        $Writer.WriteElementString('name', $maml, $Info.Name)
        foreach ($p in $set.Parameters | Where-Object { $_.Name -notin $common -and $_.Name -notin $hidden }) {
            Write-ParameterElement $Writer $p $parameterDocs["-$($p.Name)"] $p.IsMandatory $p.Position
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $command)
    $defaults = [Activator]::CreateInstance($Info.ImplementingType)
    foreach ($p in $parameters) {
        # One entry per parameter, summed over its parameter sets.
        $sets = $p.ParameterSets.Values
        $merged = [pscustomobject]@{
            Name                            = $p.Name
            ParameterType                   = $p.ParameterType
            Aliases                         = $p.Aliases
            Attributes                      = $p.Attributes
            ValueFromPipeline               = [bool]($sets | Where-Object ValueFromPipeline)
            ValueFromPipelineByPropertyName = [bool]($sets | Where-Object ValueFromPipelineByPropertyName)
        }
        $mandatory = [bool]($sets | Where-Object IsMandatory)
        $position = ($sets | ForEach-Object Position | Sort-Object -Descending | Select-Object -First 1)
        Write-ParameterElement $Writer $merged $parameterDocs["-$($p.Name)"] $mandatory $position (Get-DefaultText $defaults $p $mandatory)
    }
    $Writer.WriteEndElement()

    if ($Doc.Contains('INPUTS')) { Write-TypeList $Writer 'inputTypes' 'inputType' (Split-Sections $Doc['INPUTS'] '###') }
    if ($Doc.Contains('OUTPUTS')) { Write-TypeList $Writer 'returnValues' 'returnValue' (Split-Sections $Doc['OUTPUTS'] '###') }
    if ($Doc.Contains('NOTES')) {
        $Writer.WriteStartElement('alertSet', $maml); $Writer.WriteStartElement('alert', $maml)
        Write-Paras $Writer $Doc['NOTES']
        $Writer.WriteEndElement(); $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $command)
    $examples = Split-Sections $Doc['EXAMPLES'] '###'
    if ($examples.Count -lt 2) { throw "docs: $($Info.Name) needs at least two examples." }
    foreach ($title in $examples.Keys) {
        $lines = $examples[$title]
        $start = $lines.FindIndex([Predicate[string]] { param($l) $l -match '^```' })
        $end = $lines.FindIndex($start + 1, [Predicate[string]] { param($l) $l -match '^```' })
        if ($start -lt 0 -or $end -lt 0) { throw "docs: $($Info.Name) '$title' has no code block." }
        $Writer.WriteStartElement('command', 'example', $command)
        $Writer.WriteElementString('title', $maml, "--- $title ---")
        $Writer.WriteElementString('code', $dev, ($lines.GetRange($start + 1, $end - $start - 1) -join "`n"))
        # An example without remarks gets none at all: an empty remarks element makes PowerShell indent the next title.
        $remarks = $lines.GetRange($end + 1, $lines.Count - $end - 1)
        if ((Get-Paragraphs $remarks).Count) { $Writer.WriteStartElement('remarks', $dev); Write-Paras $Writer $remarks; $Writer.WriteEndElement() }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $command)
    # The cmdlet's HelpUri first, as "Online Version:": Get-Help -Online opens the first related link that has a URI.
    if ($Info.HelpUri) {
        $Writer.WriteStartElement('navigationLink', $maml)
        $Writer.WriteElementString('linkText', $maml, 'Online Version:')
        $Writer.WriteElementString('uri', $maml, $Info.HelpUri)
        $Writer.WriteEndElement()
    }
    if ($Doc.Contains('RELATED LINKS')) {
        foreach ($link in $Doc['RELATED LINKS'] | Where-Object { $_ -match '^\s*-\s*(.+)$' } | ForEach-Object { $Matches[1].Trim() }) {
            $Writer.WriteStartElement('navigationLink', $maml)
            $Writer.WriteElementString('linkText', $maml, $link)
            $Writer.WriteElementString('uri', $maml, '')
            $Writer.WriteEndElement()
        }
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function Format-Wrapped([string] $Lead, [string] $Text, [int] $Hanging, [int] $Width = 80) {
    # Words of $Text in lines of at most $Width columns: the first after $Lead, the rest indented by $Hanging.
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = $Lead
    $empty = $true
    foreach ($word in $Text -split '\s+' | Where-Object { $_ }) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) { $lines.Add($line); $line = ' ' * $Hanging; $empty = $true }
        $line += $(if ($empty) { $word } else { " $word" })
        $empty = $false
    }
    $lines.Add($line)
    $lines
}

function Get-ErrorCatalogText($Assembly) {
    # Each catalogued condition as the errors topic lists it: the ErrorId, then its category, when it happens, its
    # scope and what to do, in catalogue order. The catalogue is internal to the module, so it is read by reflection.
    $catalog = $Assembly.GetType('WoodWide.Commands.ErrorCatalog', $true)
    $entries = $catalog.GetField('All', [System.Reflection.BindingFlags] 'Public, Static').GetValue($null)
    foreach ($e in $entries) {
        "    $($e.Id)"
        foreach ($field in @(('Category:', "$($e.Category)"), ('When:', $e.Condition), ('Scope:', $e.ScopeText), ('To do:', $e.Advice))) {
            Format-Wrapped ((' ' * 8) + $field[0].PadRight(11)) $field[1] 19
        }
        ''
    }
}

$module = Import-Module $ModulePath -PassThru -Force
$sharedDoc = Split-Sections (Get-Content (Join-Path $DocsPath 'common-parameters.md')) '##'
if (-not $sharedDoc.Contains('PARAMETERS')) { throw "docs: common-parameters.md has no '## PARAMETERS' section." }
$sharedText = Split-Sections $sharedDoc['PARAMETERS'] '###'
$null = New-Item -ItemType Directory -Force -Path $OutPath
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$writer = [System.Xml.XmlWriter]::Create((Join-Path $OutPath "$($module.Name).dll-Help.xml"), $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($info in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
        $doc = Join-Path $DocsPath "$($info.Name).md"
        if (-not (Test-Path $doc)) { throw "docs: $($info.Name) has no $doc." }
        Write-Command $writer $info (Read-Doc $doc)
    }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}
$assembly = (Get-Command -Module $module.Name -CommandType Cmdlet | Select-Object -First 1).ImplementingType.Assembly
foreach ($topic in Get-ChildItem (Join-Path $DocsPath 'about_*.help.txt')) {
    $text = foreach ($line in Get-Content $topic.FullName) {
        if ($line.Trim() -eq '{{ErrorCatalog}}') { Get-ErrorCatalogText $assembly } else { $line }
    }
    $wide = @($text | Where-Object { $_.Length -gt 80 })
    if ($wide) { throw "docs: $($topic.Name) has lines over 80 columns: $($wide[0])" }
    Set-Content -Path (Join-Path $OutPath $topic.Name) -Value $text -Encoding utf8NoBOM
}
