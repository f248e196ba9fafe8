# New-WwDataset and Get-WwDataset: the built module against an emulator process, files made in the test's own folder.
BeforeAll {
    Import-Module $env:WW_TEST_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $live = $env:WW_TEST_LIVE_URI
    Enter-TestSession $live

    function New-Csv([string] $Name, [long] $Bytes = 200) {
        # A CSV file of about $Bytes bytes, written in blocks so a large one is quick to make.
        $path = Join-Path $TestDrive $Name
        $writer = [System.IO.StreamWriter]::new($path)
        try {
            $writer.Write("tenure_months,monthly_spend,churned`n")
            $block = (0..999 | ForEach-Object { "$($_ % 72),$(20 + $_ % 50).5,$($_ % 2)" }) -join "`n"
            while ($writer.BaseStream.Position -lt $Bytes) { $writer.Write($block + "`n") }
        }
        finally { $writer.Dispose() }
        Get-Item $path
    }
    function Get-UniqueName([string] $Stem) { "$Stem-$([guid]::NewGuid().ToString('N').Substring(0, 8))" }
}

AfterAll {
    Exit-TestSession
}

Describe 'New-WwDataset' {
    BeforeEach { $null = Invoke-RestMethod -Method Delete -Uri "$($live.TrimEnd('/'))/_emulator/requests" }

    It 'uploads a small file, and the ingest pipes into Wait-WwJob and Get-WwDataset' {
        $file = New-Csv 'small.csv'
        $version = New-WwDataset -Path $file.FullName -Name (Get-UniqueName small) | Wait-WwJob | Get-WwDataset
        $version | Should -BeOfType ([WoodWide.Model.DatasetVersion])
        $version.status | Should -Be 'ready'
        $version.byte_size | Should -Be $file.Length
        $version.schema_json.columns.name | Should -Be @('tenure_months', 'monthly_spend', 'churned')
        Get-RequestCount $live '/datasets' | Should -Be 1
    }

    It 'sends a file over 30 MB by signed URL, whole' {
        $file = New-Csv 'large.csv' (31MB)
        $upload = New-WwDataset -Path $file.FullName -Name (Get-UniqueName large)
        Get-RequestCount $live '/datasets' | Should -Be 0
        Get-RequestCount $live '/datasets/upload' | Should -Be 1
        Get-RequestCount $live '/_storage/' -Prefix | Should -Be 1
        ($upload | Wait-WwJob | Get-WwDataset).byte_size | Should -Be $file.Length
    }

    It 'shows what it made, its version and its dataset within 80 columns' {
        $upload = New-WwDataset -Path (New-Csv 'view.csv').FullName -Name (Get-UniqueName view)
        $version = $upload | Wait-WwJob | Get-WwDataset
        $dataset = Get-WwDataset -Id $upload.DatasetId
        foreach ($shown in $upload, $version, $dataset) {
            $text = $shown | Out-String -Width 80
            ($text -split "`r?`n") | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
            $text | Should -Not -Match '…'
        }
        ($upload | Out-String -Width 80) | Should -Match 'JobId\s+Status\s+Ver\s+Size\s+File'
        ($version | Out-String -Width 80) | Should -Match 'ready\s+\d+ (bytes|KB)\s+\d{4}-\d\d-\d\d'
    }

    It 'writes what it made as the API does, once each' {
        $json = New-WwDataset -Path (New-Csv 'json.csv').FullName -Name (Get-UniqueName json) | ConvertTo-Json -Depth 4 | ConvertFrom-Json -AsHashtable
        @($json.Keys) | Should -Be @('job_id', 'status', 'dataset')
        @($json.dataset.Keys) | Should -Be @('id', 'version_id', 'version_number')
    }

    It 'answers by name what it does not list, as its help says' {
        $upload = New-WwDataset -Path (New-Csv 'named.csv').FullName -Name (Get-UniqueName named)
        $named = 'JobId', 'DatasetId', 'DatasetVersionId', 'VersionNumber', 'Path', 'Bytes'
        $selected = $upload | Select-Object $named
        foreach ($name in $named) { $selected.$name | Should -Not -BeNullOrEmpty -Because "$name answers by name" }
        @($upload.PSObject.Properties.Name) | Should -Be @('job_id', 'status', 'dataset')
        $outputs = (Get-Help New-WwDataset -Full).returnValues.returnValue.description.Text -join ' '
        $outputs | Should -Match 'not listed by Format-List \* or Get-Member, nor written by ConvertTo-Json'
        foreach ($name in $named) { $outputs | Should -Match "\b$name\b" }
    }

    It 'uploads each file Get-ChildItem pipes in, named after it' {
        $folder = New-Item -ItemType Directory (Join-Path $TestDrive (Get-UniqueName folder))
        $names = 'north', 'south' | ForEach-Object { Get-UniqueName $_ }
        foreach ($name in $names) { Copy-Item (New-Csv "$name-src.csv") (Join-Path $folder "$name.csv") }
        $uploads = Get-ChildItem $folder -Filter *.csv | New-WwDataset
        $uploads.Count | Should -Be 2
        (Get-WwDataset).Name | Should -Contain $names[0]
        (Get-WwDataset).Name | Should -Contain $names[1]
    }

    It 'refuses a missing file, a folder and an empty file before any request, and goes on' {
        $empty = New-Item -ItemType File (Join-Path $TestDrive 'empty.csv') -Force
        $good = New-Csv 'good.csv'
        $out = (Join-Path $TestDrive 'missing.csv'), $TestDrive, $empty.FullName, $good.FullName |
            New-WwDataset -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $errs.FullyQualifiedErrorId | Should -Be @('WwFileNotFound,WoodWide.Commands.NewWwDatasetCommand',
            'WwInvalidFile,WoodWide.Commands.NewWwDatasetCommand', 'WwInvalidFile,WoodWide.Commands.NewWwDatasetCommand')
        Get-RequestCount $live '/datasets' | Should -Be 1
    }

    It 'checks each file just before its own upload, as its help says: an empty file after a good one' {
        $first = New-Csv "$(Get-UniqueName earlier).csv"
        $empty = New-Item -ItemType File (Join-Path $TestDrive 'later-empty.csv') -Force
        $out = $first.FullName, $empty.FullName | New-WwDataset -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $errs.FullyQualifiedErrorId | Should -Be 'WwInvalidFile,WoodWide.Commands.NewWwDatasetCommand'
        Get-RequestCount $live '/datasets' | Should -Be 1
        $help = (Get-Help New-WwDataset -Full).Description.Text -join ' '
        $help | Should -Match 'checked just before its own upload'
        $help | Should -Not -Match 'checked before any request'
    }

    It 'sends nothing with -WhatIf' {
        New-WwDataset -Path (New-Csv 'whatif.csv').FullName -Name whatif -WhatIf | Should -BeNullOrEmpty
        Get-RequestCount $live '/datasets' -Prefix | Should -Be 0
    }

    It 'exits 1 in a CI step when the name is taken' {
        $file = New-Csv 'taken.csv'
        $name = Get-UniqueName taken
        $null = New-WwDataset -Path $file.FullName -Name $name
        $r = Invoke-CiStep "Import-Module '$($env:WW_TEST_MODULE)'; `$env:WOODWIDE_BASE_URL = '$live'; `$env:WOODWIDE_API_KEY = '$($env:WW_TEST_API_KEY)'; New-WwDataset -Path '$($file.FullName)' -Name $name -ErrorAction Stop"
        $r.ExitCode | Should -Be 1
        $r.Output | Should -Match "already exists"
        $r.Output | Should -Not -Match ([regex]::Escape($env:WW_TEST_API_KEY))
    }
}
