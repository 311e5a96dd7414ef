; Lotse for Windows: the installer (Inno Setup 6.3 or later), a per-user install that needs
; no administrator rights.
;
; UNTESTED until a Windows machine builds it: no machine of this project runs Windows yet, so this
; script has never been compiled, and no installer it makes has been run (issue #20).
; tests/test_windows_tooling.py checks its text against build.spec and app/__init__.py only.
;
; Build, on Windows, from the repository's root:
;   powershell -ExecutionPolicy Bypass -File scripts\dev.ps1 bundle   (PyInstaller: dist\lotse\)
;   iscc scripts\windows\lotse.iss           (the installer: dist\installer\lotse-VERSION-setup.exe)
; iscc.exe is in "%ProgramFiles(x86)%\Inno Setup 6" (or %LOCALAPPDATA%\Programs\Inno Setup 6),
; which is not on PATH by default. Relative paths below count from this script's folder.
;
; What it installs: the PyInstaller one-folder bundle dist\lotse\ as it is, into
; %LOCALAPPDATA%\Programs\Lotse. The bundle holds two executables of one program (build.spec):
;   lotse.exe      the window (no console): the Start-menu entry starts it;
;   lotse-cli.exe  the command line (a console program, run from cmd or PowerShell): no entry.
;
; The data stay: Lotse keeps its database, key file and backups in %LOCALAPPDATA%\Lotse (or the
; folder a lotse.ini beside the program names). The installer never writes there and the
; uninstaller never deletes there: there is no [UninstallDelete] section, and there must never
; be one naming {localappdata}\Lotse. The uninstaller removes only the files it installed.
;
; Why not MSIX: an MSIX-packaged program runs with a virtualised file system. Its writes to
; %LOCALAPPDATA% are redirected into the package's private folder, which Windows deletes with
; the package: uninstalling (or a broken update that reinstalls) would take the case files with
; it. An Inno Setup install is an ordinary folder; the data folder is the program's own business.

; Must equal __version__ in app/__init__.py (read by hand; tests/test_windows_tooling.py checks).
#define AppVersion "0.1.0"
#define AppName "Lotse"
#define AppExe "lotse.exe"
#define CliExe "lotse-cli.exe"

[Setup]
; The AppId ties upgrades and the uninstaller to this program: never change it.
AppId={{C23AD9B6-668F-4F0B-9182-EE48F3551230}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
; Per user, without administrator rights: {autopf} is then %LOCALAPPDATA%\Programs.
; No override dialog: an install for all users would need rights the users do not have.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
; PySide6 6.12 and the sqlcipher3 wheel (win_amd64) are 64-bit only; Qt 6 needs Windows 10.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; A running Lotse is closed before its files are replaced (Windows Restart Manager: the user is
; asked first). AppMutex cannot say "Lotse runs": Lotse creates no named mutex, it holds
; lotse.lock in its data folder (app/db/instance_lock.py), which the installer cannot see. The
; Restart Manager finds the process by the executables it has open instead.
CloseApplications=yes
CloseApplicationsFilter={#AppExe},{#CliExe}
; Lotse does not register with the Restart Manager, and it would open at the unlock dialog.
RestartApplications=no
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile=..\..\resources\icons\lotse.ico
OutputDir=..\..\dist\installer
OutputBaseFilename=lotse-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
ShowLanguageDialog=no

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[InstallDelete]
; An upgrade replaces the bundle's _internal folder whole: a library the new version no longer
; ships must not stay behind beside the new ones. Program files only: {app}\_internal is
; PyInstaller's, never a data folder (a lotse.ini beside lotse.exe stays).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
; The whole one-folder bundle (COLLECT name "lotse" in build.spec).
Source: "..\..\dist\lotse\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The window only; lotse-cli.exe is for the command prompt and gets no entry.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the data folder %LOCALAPPDATA%\Lotse is kept (see the top).
