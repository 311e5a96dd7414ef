"""The Windows tooling (issue #20) against the files it mirrors: .gitattributes keeps the bash
scripts LF, the Inno Setup script installs what build.spec builds and keeps the data folder,
scripts/dev.ps1 does what the Makefile does, and the benchmark runner calls nothing POSIX-only.

Text checks only: no Windows machine runs these scripts here (the PowerShell parse check runs
where pwsh or powershell is on PATH)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import app

ROOT = Path(__file__).resolve().parent.parent
INNO = ROOT / "scripts" / "windows" / "lotse.iss"
DEV_PS1 = ROOT / "scripts" / "dev.ps1"
BUILD_SPEC = ROOT / "build.spec"
MAKEFILE = ROOT / "Makefile"
DATA_FOLDER = r"{localappdata}\lotse"  # platformdirs.user_data_dir("Lotse") on Windows
WINDOW_EXE, CONSOLE_EXE = "lotse", "lotse-cli"  # build.spec's two executables
BASH_SCRIPTS = [".ci/run", "scripts/find-python312", "scripts/system-libs", "tools/any.sh"]
BINARY_FILES = [
    "resources/locale/de/LC_MESSAGES/lotse.mo",
    "resources/fonts/DejaVuSans.ttf",
    "resources/geo/plz.tsv.gz",
    "tests/fixtures/demo-rev0001.sqlite",
    "resources/icons/lotse.ico",
    "docs/any.png",
    "any.pdf",
    "any.xlsx",
]


# -- .gitattributes ------------------------------------------------------------------------------


def git(*args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"not a git work tree here: git {args[0]}: {result.stderr.strip()}")
    return result.stdout


@pytest.fixture(scope="module")
def in_git() -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not on PATH")
    git("rev-parse", "--is-inside-work-tree")


def attributes(paths: list[str], *names: str) -> dict[str, dict[str, str]]:
    """``git check-attr`` of each path: {path: {attribute: value}}."""
    found: dict[str, dict[str, str]] = {path: {} for path in paths}
    for line in git("check-attr", *names, "--", *paths).splitlines():
        path, name, value = line.rsplit(": ", 2)
        found[path][name] = value
    return found


def test_bash_scripts_are_lf_everywhere(in_git: None) -> None:
    """A CR at a line's end breaks bash: these stay LF in a Windows checkout too."""
    for path, attrs in attributes(BASH_SCRIPTS + ["Makefile"], "text", "eol").items():
        assert attrs == {"text": "set", "eol": "lf"}, path


def test_windows_scripts_are_text_with_lf(in_git: None) -> None:
    paths = ["scripts/dev.ps1", "scripts/windows/lotse.iss"]
    for path, attrs in attributes(paths, "text", "eol").items():
        assert attrs == {"text": "set", "eol": "lf"}, path


def test_binary_files_are_never_converted(in_git: None) -> None:
    for path, attrs in attributes(BINARY_FILES, "text", "diff").items():
        assert attrs == {"text": "unset", "diff": "unset"}, path


def test_every_committed_text_file_is_lf(in_git: None) -> None:
    """``git ls-files --eol``: no CRLF or mixed line ends in the index or the work tree."""
    wrong = [
        line
        for line in git("ls-files", "--eol").splitlines()
        if re.match(r"i/(crlf|mixed)\b", line) or re.search(r"\sw/(crlf|mixed)\b", line)
    ]
    assert wrong == []


# -- build.spec's executables ----------------------------------------------------------------


def _constant(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def spec_names(callee: str) -> set[str]:
    """The ``name`` of every ``callee(...)`` (EXE, COLLECT) in build.spec, also where a helper
    function passes its parameter on: ``def executable(name, ...): return EXE(name=name)``."""
    tree = ast.parse(BUILD_SPEC.read_text(encoding="utf-8"))
    names: set[str] = set()
    helpers: dict[str, int] = {}  # helper function → position of the parameter it passes on
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            parameters = [argument.arg for argument in node.args.args]
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "id", None) == callee:
                    for keyword in call.keywords:
                        value = keyword.value
                        if (
                            keyword.arg == "name"
                            and isinstance(value, ast.Name)
                            and value.id in parameters
                        ):
                            helpers[node.name] = parameters.index(value.id)
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        function = getattr(call.func, "id", None)
        if function == callee or function in helpers:
            values = [_constant(k.value) for k in call.keywords if k.arg == "name"]
            if function in helpers and len(call.args) > helpers[function]:
                values.append(_constant(call.args[helpers[function]]))
            names.update(value for value in values if value is not None)
    return names


def test_build_spec_builds_the_window_and_the_console_executable() -> None:
    assert spec_names("EXE") == {WINDOW_EXE, CONSOLE_EXE}
    assert spec_names("COLLECT") == {"lotse"}


# -- the Inno Setup script -------------------------------------------------------------------


def inno_script() -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    """[Setup] as {directive: value} (lower-case keys) and every other section as a list of
    entries {parameter: value}, with the script's #define constants filled in."""
    text = INNO.read_text(encoding="ascii")
    defines = dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', text, flags=re.MULTILINE))
    setup: dict[str, str] = {}
    sections: dict[str, list[dict[str, str]]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        line = re.sub(r"\{#(\w+)\}", lambda match: defines[match.group(1)], line)
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections.setdefault(current, [])
        elif current == "setup":
            key, _, value = line.partition("=")
            setup[key.strip().lower()] = value.strip()
        elif current is not None:
            entry = {
                key.lower(): (quoted if quoted or not bare else bare.strip())
                for key, quoted, bare in re.findall(r'(\w+):\s*(?:"([^"]*)"|([^;]*))', line)
            }
            sections[current].append(entry)
    return setup, sections


def _windows_path(value: str) -> str:
    return value.replace("/", "\\").rstrip("\\").lower()


def test_inno_script_defines_the_program_version() -> None:
    match = re.search(r'^#define\s+AppVersion\s+"([^"]+)"', INNO.read_text(), re.MULTILINE)
    assert match is not None
    assert match.group(1) == app.__version__, "set #define AppVersion to app.__version__"


def test_inno_installs_per_user_without_admin_rights() -> None:
    setup, _sections = inno_script()
    assert setup["privilegesrequired"] == "lowest"
    assert "privilegesrequiredoverridesallowed" not in setup
    folder = _windows_path(setup["defaultdirname"])
    folder = folder.replace("{autopf}", r"{localappdata}\programs")  # {userpf} when lowest
    assert folder.startswith(r"{localappdata}\programs"), folder
    assert folder != DATA_FOLDER


def test_inno_installs_the_bundle_build_spec_makes() -> None:
    (bundle,) = spec_names("COLLECT")
    _setup, sections = inno_script()
    (files,) = sections["files"]
    source = (INNO.parent / files["source"].replace("\\", "/")).resolve(strict=False)
    assert source == ROOT / "dist" / bundle / "*"
    assert files["destdir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(files["flags"].split())


def test_the_start_menu_starts_the_window_and_not_the_console_executable() -> None:
    assert {WINDOW_EXE, CONSOLE_EXE} <= spec_names("EXE")
    _setup, sections = inno_script()
    targets = [_windows_path(icon["filename"]) for icon in sections["icons"]]
    assert targets == [rf"{{app}}\{WINDOW_EXE}.exe"]
    assert all(CONSOLE_EXE not in target for target in targets)


def test_a_running_lotse_is_closed_before_an_upgrade() -> None:
    setup, _sections = inno_script()
    assert setup["closeapplications"] in ("yes", "force")
    names = {name.strip().lower() for name in setup["closeapplicationsfilter"].split(",")}
    assert names == {f"{WINDOW_EXE}.exe", f"{CONSOLE_EXE}.exe"}


def test_the_uninstaller_keeps_the_data_folder() -> None:
    _setup, sections = inno_script()
    for section in ("uninstalldelete", "installdelete"):
        for entry in sections.get(section, []):
            name = _windows_path(entry["name"])
            assert not name.startswith(DATA_FOLDER), f"[{section}] deletes the data: {name}"
            assert "{localappdata}" not in name or name.startswith(r"{localappdata}\programs")
    assert sections.get("uninstalldelete", []) == []


def test_inno_script_speaks_german_and_finds_its_icon() -> None:
    setup, sections = inno_script()
    assert [entry["messagesfile"] for entry in sections["languages"]] == [
        r"compiler:Languages\German.isl"
    ]
    icon = INNO.parent / setup["setupiconfile"].replace("\\", "/")
    assert icon.resolve() == (ROOT / "resources" / "icons" / "lotse.ico")


# -- scripts/dev.ps1 -------------------------------------------------------------------------


def ps1_code() -> str:
    """dev.ps1 without its comments (# lines and the <# ... #> help block)."""
    text = re.sub(r"<#.*?#>", "", DEV_PS1.read_text(encoding="ascii"), flags=re.DOTALL)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def makefile_value(name: str) -> str:
    match = re.search(rf"^{name}\s*:=\s*(.+)$", MAKEFILE.read_text(), re.MULTILINE)
    assert match is not None, name
    return match.group(1).split("#")[0].strip()


def test_windows_scripts_are_ascii() -> None:
    """PowerShell 5.1 reads a UTF-8 file without BOM in the ANSI code page; ISCC guesses."""
    for path in (DEV_PS1, INNO):
        lines = path.read_bytes().splitlines()
        wrong = [number for number, line in enumerate(lines, 1) if not line.isascii()]
        assert wrong == [], f"{path.name}: not ASCII in line(s) {wrong}"


def test_dev_ps1_has_the_makefile_commands() -> None:
    code = ps1_code()
    match = re.search(r"ValidateSet\(([^)]*)\)\]\s*\[string\]\$Command = \"(\w+)\"", code)
    assert match is not None
    commands = ["test", "test-fast", "run", "lint", "bundle"]
    assert re.findall(r'"([\w-]+)"', match.group(1)) == commands
    assert match.group(2) == "test"
    for target in commands:
        assert re.search(rf'^\s*"{target}" \{{', code, re.MULTILINE), target


def test_dev_ps1_sets_up_python_312_as_the_makefile_does() -> None:
    code = ps1_code()
    assert '"py" @("-3.12")' in code and '@("py", "-3.12")' in code
    assert "$env:PYTHON312" in code
    assert "sys.version_info[:2] != (3, 12)" in code
    assert '"-m", "venv"' in code
    assert '"install", "--quiet", "-e", ".[test,build]"' in code
    assert Path(makefile_value("STAMP").replace("$(VENV)", ".venv")).name in code
    assert "LastWriteTimeUtc -gt" in code  # pyproject.toml newer than the stamp: install again


def test_dev_ps1_runs_the_makefile_checks() -> None:
    code = ps1_code()
    paths = re.search(r"\$Code = @\(([^)]*)\)", code)
    assert paths is not None
    assert re.findall(r'"([^"]+)"', paths.group(1)) == makefile_value("CODE").split()
    assert '"-m", "ruff", "check"' in code and '"-m", "ruff", "format", "--check"' in code
    assert '"lint-imports.exe"' in code
    assert '$env:QT_QPA_PLATFORM = "offscreen"' in code
    assert 'Invoke-Tests @("-m", "not slow")' in code
    assert '"lotse.exe"' in code
    bundle = '"--noconfirm", "--clean", "--log-level", "WARN", "build.spec"'
    assert bundle in code
    assert "--noconfirm --clean --log-level WARN build.spec" in MAKEFILE.read_text()


def test_dev_ps1_stops_at_the_first_failing_step() -> None:
    code = ps1_code()
    assert '$ErrorActionPreference = "Stop"' in code
    assert "$PSNativeCommandUseErrorActionPreference = $false" in code
    step = re.search(r"function Invoke-Step \{(.*?)\n\}", code, re.DOTALL)
    assert step is not None
    assert "& $FilePath @Arguments" in step.group(1)
    assert "$LASTEXITCODE" in step.group(1) and "Fail" in step.group(1)
    # The call operator only in Invoke-Step and in the two probes of the Python version, whose
    # failure is the answer (Test-Python312, Get-PythonVersion).
    assert len(re.findall(r"&\s+[$(\"']", code)) == 3


def test_dev_ps1_parses_in_powershell(tmp_path: Path) -> None:
    shell = shutil.which("pwsh") or shutil.which("powershell")
    if shell is None:
        pytest.skip("no PowerShell (pwsh) on PATH")
    script = (
        "$errors = $null; "
        f"[void][System.Management.Automation.Language.Parser]::ParseFile('{DEV_PS1}', "
        "[ref]$null, [ref]$errors); "
        "$errors | ForEach-Object { $_.ToString() }; exit $errors.Count"
    )
    result = subprocess.run(
        [shell, "-NoProfile", "-NonInteractive", "-Command", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- the benchmark runner --------------------------------------------------------------------

POSIX_ONLY_CALLS = {"wait4", "wait3", "waitpid", "wait", "fork", "getrusage", "setrlimit"}
POSIX_ONLY_MODULES = {"resource", "fcntl", "termios", "pwd", "grp"}


def test_benchmarks_call_nothing_posix_only() -> None:
    """Whole processes through subprocess and Popen.wait, no os.wait4, no /usr/bin tools."""
    problems = []
    for path in sorted((ROOT / "benchmarks").rglob("*.py")):
        where = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in {"os", "resource"}
                and node.attr in POSIX_ONLY_CALLS
            ):
                problems.append(f"{where}:{node.lineno} {node.value.id}.{node.attr}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                modules = [alias.name for alias in node.names]
                if isinstance(node, ast.ImportFrom):
                    modules = [node.module or ""]
                problems += [
                    f"{where}:{node.lineno} import {module}"
                    for module in modules
                    if module.split(".")[0] in POSIX_ONLY_MODULES
                ]
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and re.match(r"/(usr/)?(local/)?s?bin/", node.value)
            ):
                problems.append(f"{where}:{node.lineno} {node.value!r}")
    assert problems == []
