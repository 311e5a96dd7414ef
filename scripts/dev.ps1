<#
.SYNOPSIS
    Lotse on Windows: what `make test`, `make run` and friends do on Linux (see the Makefile).

.DESCRIPTION
    scripts\dev.ps1 [test | test-fast | run | lint | bundle]      (default: test)

      test       set up, then ruff, the import contract and all tests (offscreen)
      test-fast  the same without the slow bundle test (pytest -m "not slow")
      lint       set up, then ruff check, ruff format --check and lint-imports
      run        set up and start Lotse (.venv\Scripts\lotse.exe)
      bundle     set up and build the PyInstaller one-folder bundle dist\lotse\ (build.spec);
                 then `iscc scripts\windows\lotse.iss` makes the installer

    Setting up: finds Python 3.12 (`py -3.12`, else $env:PYTHON312 = path to python.exe),
    creates .venv with it, and installs the package with its test and build extras whenever
    pyproject.toml is newer than .venv\.installed-stamp (as the Makefile does). Python 3.11 is
    refused on purpose: PySide6 6.12 crashes there. Stops at the first failing step with that
    step's exit code.

    Run from anywhere, e.g. in PowerShell at the repository's root:
        powershell -ExecutionPolicy Bypass -File scripts\dev.ps1 test

    UNTESTED until a Windows machine runs it: no machine of this project runs Windows yet
    (issue #20). Keep this file ASCII: Windows PowerShell 5.1 reads a UTF-8 file without a BOM
    in the ANSI code page.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet("test", "test-fast", "run", "lint", "bundle")]
    [string]$Command = "test"
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = "Stop"
# A failing native command is judged by $LASTEXITCODE below (PowerShell 7.3+ could throw instead).
$PSNativeCommandUseErrorActionPreference = $false

$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root ".venv"
$Scripts = Join-Path $Venv "Scripts"
$Py = Join-Path $Scripts "python.exe"
$Stamp = Join-Path $Venv ".installed-stamp"
$Project = Join-Path $Root "pyproject.toml"
$Code = @("app", "ui", "tests", "benchmarks", "scripts")
$Is312 = "import sys; sys.exit(sys.version_info[:2] != (3, 12))"
$Needs312 = "Lotse needs Python 3.12 (3.11 crashes PySide6 6.12). Install it from python.org " +
    "(with the py launcher), or set PYTHON312 to the path of its python.exe."

function Fail([string]$Message, [int]$ExitCode = 1) {
    [Console]::Error.WriteLine("dev.ps1: $Message")
    exit $ExitCode
}

function Invoke-Step {
    # Run a native command; stop the script with its exit code when it fails.
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$Arguments = @())
    Write-Host "> $FilePath $($Arguments -join ' ')"
    & $FilePath @Arguments
    $status = $LASTEXITCODE
    if ($status -ne 0) {
        Fail "'$FilePath $($Arguments -join ' ')' failed (exit $status)" $status
    }
}

function Test-Python312 {
    # True when the interpreter (with its leading arguments, e.g. py -3.12) runs and is 3.12.
    param([string]$FilePath, [string[]]$Leading = @())
    if (-not (Get-Command $FilePath -ErrorAction SilentlyContinue)) { return $false }
    # Its complaints (e.g. "No suitable Python runtime found") are not ours: with "Stop", a
    # redirected stderr line would end Windows PowerShell 5.1 here.
    $ErrorActionPreference = "Continue"
    & $FilePath @Leading -c $Is312 2>$null | Out-Null
    return ($LASTEXITCODE -eq 0)
}

function Get-PythonVersion {
    param([string]$FilePath, [string[]]$Leading = @())
    $ErrorActionPreference = "Continue"
    $version = & $FilePath @Leading -c "import sys; print('%d.%d' % sys.version_info[:2])" 2>$null
    if ($LASTEXITCODE -ne 0) { return "not runnable" }
    return "Python $version"
}

function Find-Python312 {
    # The command that starts Python 3.12: the executable, then its leading arguments (callers
    # collect them with @(...)).
    if (Test-Python312 "py" @("-3.12")) { return @("py", "-3.12") }
    $candidate = $env:PYTHON312
    if ($candidate) {
        if (Test-Python312 $candidate) { return $candidate }
        Fail "PYTHON312=$candidate is $(Get-PythonVersion $candidate), not 3.12. $Needs312"
    }
    Fail $Needs312
}

function Test-SetupNeeded {
    if (-not (Test-Path -LiteralPath $Py -PathType Leaf)) { return $true }
    if (-not (Test-Path -LiteralPath $Stamp -PathType Leaf)) { return $true }
    return (Get-Item -LiteralPath $Project).LastWriteTimeUtc -gt (Get-Item -LiteralPath $Stamp).LastWriteTimeUtc
}

function Initialize-Venv {
    # The Makefile's $(STAMP) rule: a 3.12 venv, pip, the package with its test and build extras.
    if (-not (Test-SetupNeeded)) { return }
    if (-not (Test-Python312 $Py)) {
        $python = @(Find-Python312)
        if (Test-Path -LiteralPath $Venv) {
            Write-Host "Removing $Venv (not a Python 3.12 venv for Windows)"
            Remove-Item -LiteralPath $Venv -Recurse -Force
        }
        $leading = @()
        if ($python.Count -gt 1) { $leading = @($python[1..($python.Count - 1)]) }
        Invoke-Step $python[0] ($leading + @("-m", "venv", $Venv))
    }
    Invoke-Step $Py @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
    Invoke-Step $Py @("-m", "pip", "install", "--quiet", "-e", ".[test,build]")
    Set-Content -LiteralPath $Stamp -Value (Get-Date -Format o)
}

function Invoke-Lint {
    Invoke-Step $Py (@("-m", "ruff", "check") + $Code)
    Invoke-Step $Py (@("-m", "ruff", "format", "--check") + $Code)
    Invoke-Step (Join-Path $Scripts "lint-imports.exe")
}

function Invoke-Tests([string[]]$Selection = @()) {
    if (-not (Get-Command "soffice" -ErrorAction SilentlyContinue)) {
        Write-Host ("LibreOffice's soffice is not on PATH: the test that reads the exported XLSX " +
            "back as LibreOffice sees it is skipped (make test installs it on Debian).")
    }
    $previous = $env:QT_QPA_PLATFORM
    $env:QT_QPA_PLATFORM = "offscreen"
    try {
        Invoke-Step $Py (@("-m", "pytest") + $Selection)
    }
    finally {
        $env:QT_QPA_PLATFORM = $previous
    }
}

Push-Location -LiteralPath $Root
try {
    Initialize-Venv
    switch ($Command) {
        "lint" { Invoke-Lint }
        "test" { Invoke-Lint; Invoke-Tests }
        "test-fast" { Invoke-Lint; Invoke-Tests @("-m", "not slow") }
        "run" { Invoke-Step (Join-Path $Scripts "lotse.exe") }
        "bundle" {
            Invoke-Step $Py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN", "build.spec")
            Write-Host "Bundle: dist\lotse\. The installer: iscc scripts\windows\lotse.iss"
        }
    }
}
finally {
    Pop-Location
}
exit 0
