"""Packaging files agree with each other and with the code (fast checks, no build).

The bundle itself is built and started by ``make package`` (packaging/smoke_test.sh).
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from outreach import config

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / f"{config.APP_ID}.desktop"
METAINFO = PACKAGING / f"{config.APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
UNIT = PACKAGING / "outreach-server.service"


def load_serve_env() -> ModuleType:
    """packaging/serve_env.py (a script, not a package), loaded once."""
    name = "outreach_packaging_serve_env"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PACKAGING / "serve_env.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
    return sys.modules[name]


# -- desktop integration -------------------------------------------------------------------
def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_names_the_app_and_its_icon() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == config.APP_NAME
    assert entry["Exec"].split()[0] == "outreach"
    assert entry["Icon"] == config.APP_ID
    assert (ICONS / "hicolor" / "scalable" / "apps" / f"{config.APP_ID}.svg").is_file()


def test_metainfo_matches_the_desktop_file() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == config.APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("name") == desktop_entry()["Name"]
    assert root.findtext("icon") == desktop_entry()["Icon"]
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == _project_version()


def _project_version() -> str:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    match = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
    assert match
    return match.group(1)


def test_icon_set_is_complete() -> None:
    from outreach import config as cfg

    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{cfg.APP_ID}.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size), png
    assert (ICONS / "outreach.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (ICONS / "outreach.icns").read_bytes()[:4] == b"icns"


@pytest.mark.parametrize(("tool", "path"), [("desktop-file-validate", DESKTOP),
                                            ("appstreamcli", METAINFO)])
def test_freedesktop_validators_accept_the_files(tool: str, path: Path) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    args = [tool, str(path)] if tool != "appstreamcli" else \
        [tool, "validate", "--no-net", str(path)]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# -- the PyInstaller spec --------------------------------------------------------------------
def test_spec_references_existing_paths() -> None:
    tree = ast.parse((PACKAGING / "outreach.spec").read_text("utf-8"))
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
               and isinstance(n.value, str)}
    assigned = {t.id: n.value for n in ast.walk(tree) if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}
    resource_dirs = ast.literal_eval(assigned["RESOURCE_DIRS"])
    assert {"measures", "demo", "style", "translations", "icons"} <= set(resource_dirs)
    for name in resource_dirs:
        assert (ROOT / "resources" / name).is_dir(), name
    assert "entry.py" in strings and (PACKAGING / "entry.py").is_file()
    for icon in ("outreach.ico", "outreach.icns"):
        assert icon in strings and (ICONS / icon).is_file()
    assert ast.literal_eval(assigned["APP_ID"]) == config.APP_ID
    assert "PySide6.QtWebEngineCore" in strings


def test_make_package_builds_then_smoke_tests() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = makefile.split("\npackage:", 1)[1].split("\n\n", 1)[0]
    assert "packaging/outreach.spec" in recipe and "packaging/smoke_test.sh" in recipe
    assert "package" in re.search(r"^\.PHONY:.*$", makefile, re.MULTILINE).group(0)  # type: ignore[union-attr]


def test_entry_rejects_a_smoke_test_without_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("bundle_entry", PACKAGING / "entry.py")
    assert spec and spec.loader
    entry = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(entry)
    assert entry.main(["--smoke-test"]) == 2
    assert "usage" in capsys.readouterr().err


@pytest.mark.slow
def test_entry_smoke_test_runs_from_source(tmp_path: Path) -> None:
    """What the bundle runs in ``make package``, here from the source tree (a few seconds)."""
    result = subprocess.run([sys.executable, str(PACKAGING / "entry.py"), "--smoke-test",
                             str(tmp_path / "profiles")], cwd=ROOT, capture_output=True,
                            text=True, timeout=240,
                            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                 "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "smoke test ok"


# -- the server's service unit and container -------------------------------------------------
def unit_settings() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_service_unit_is_hardened() -> None:
    unit = unit_settings()
    assert unit.get("DynamicUser") == ["yes"] or unit.get("User", ["root"])[0] != "root"
    for key, value in (("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("ProtectHome", "yes"), ("PrivateTmp", "yes"),
                       ("PrivateDevices", "yes"), ("ProtectKernelTunables", "yes"),
                       ("ProtectKernelModules", "yes"), ("ProtectControlGroups", "yes"),
                       ("RestrictSUIDSGID", "yes"), ("LockPersonality", "yes"),
                       ("SystemCallArchitectures", "native"), ("UMask", "0077"),
                       ("CapabilityBoundingSet", "")):
        assert unit.get(key) == [value], key
    assert "@system-service" in unit["SystemCallFilter"]
    assert unit["RestartPreventExitStatus"] == [str(load_serve_env().EX_CONFIG)]
    assert all("serve_env.py" in cmd for cmd in unit["ExecStart"] + unit["ExecStartPre"])


def test_container_runs_as_a_user_with_a_healthcheck() -> None:
    text = (PACKAGING / "Containerfile").read_text("utf-8")
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.MULTILINE)
    users = re.findall(r"^USER\s+(\S+)", text, re.MULTILINE)
    assert users and not users[-1].startswith(("root", "0"))
    assert re.search(r"^HEALTHCHECK .*\n?.*serve_env\.py\", \"--health\"", text, re.MULTILINE)
    assert "OUTREACH_SERVER_MODE=production" in text


# -- configuration by environment ------------------------------------------------------------
@pytest.fixture
def tls_files(tmp_path: Path) -> dict[str, str]:
    cert, key = tmp_path / "tls.crt", tmp_path / "tls.key"
    cert.write_text("certificate\n")
    key.write_text("key\n")
    key.chmod(0o600)
    return {"OUTREACH_SERVER_TLS_CERT": str(cert), "OUTREACH_SERVER_TLS_KEY": str(key)}


def test_defaults_are_a_loopback_pilot() -> None:
    serve_env = load_serve_env()
    cfg = serve_env.config_from_env({})
    assert (cfg.mode, cfg.host, cfg.port, cfg.tls_cert) == ("pilot", "127.0.0.1", 8443, None)
    assert serve_env.problems(cfg) == [] and serve_env.warnings(cfg) == []


def test_production_refuses_defaults_and_missing_tls() -> None:
    serve_env = load_serve_env()
    problems = serve_env.problems(serve_env.config_from_env({"OUTREACH_SERVER_MODE":
                                                             "production"}))
    assert any("PostgreSQL" in p for p in problems) and any("TLS" in p for p in problems)
    env = {"OUTREACH_SERVER_MODE": "production",
           "OUTREACH_SERVER_DB": "postgresql+psycopg://outreach:change-me@db/outreach"}
    problems = serve_env.problems(serve_env.config_from_env(env))
    assert any("placeholder" in p for p in problems) and any("TLS" in p for p in problems)


def test_production_refusal_stops_the_process(capsys: pytest.CaptureFixture[str]) -> None:
    serve_env = load_serve_env()
    assert serve_env.main([], env={"OUTREACH_SERVER_MODE": "production"}) == 78
    assert "refusing to start" in capsys.readouterr().err


def test_production_with_postgres_and_tls_may_start(tls_files: dict[str, str]) -> None:
    serve_env = load_serve_env()
    env = {"OUTREACH_SERVER_MODE": "production", "OUTREACH_SERVER_HOST": "0.0.0.0",
           "OUTREACH_SERVER_DB": "postgresql+psycopg://outreach:Xk3-long-random@db/outreach",
           **tls_files}
    cfg = serve_env.config_from_env(env)
    assert serve_env.problems(cfg) == [] and serve_env.warnings(cfg) == []
    args = serve_env.serve_args(cfg)
    assert args[:5] == ["serve", "--host", "0.0.0.0", "--port", "8443"]
    assert args[args.index("--tls-key") + 1] == tls_files["OUTREACH_SERVER_TLS_KEY"]
    socket_url = {**env, "OUTREACH_SERVER_DB":
                  "postgresql+psycopg:///outreach?host=/run/postgresql"}
    assert serve_env.problems(serve_env.config_from_env(socket_url)) == []


def test_systemd_credentials_supply_tls(tmp_path: Path, tls_files: dict[str, str]) -> None:
    serve_env = load_serve_env()
    cfg = serve_env.config_from_env({"CREDENTIALS_DIRECTORY": str(tmp_path)})
    assert cfg.tls_cert == tls_files["OUTREACH_SERVER_TLS_CERT"]
    assert cfg.tls_key == tls_files["OUTREACH_SERVER_TLS_KEY"]


def test_bad_values_are_refused_plainly(tmp_path: Path) -> None:
    serve_env = load_serve_env()
    with pytest.raises(serve_env.ConfigError, match="OUTREACH_SERVER_MODE"):
        serve_env.config_from_env({"OUTREACH_SERVER_MODE": "prod"})
    with pytest.raises(serve_env.ConfigError, match="OUTREACH_SERVER_PORT"):
        serve_env.config_from_env({"OUTREACH_SERVER_PORT": "http"})
    half = serve_env.config_from_env({"OUTREACH_SERVER_TLS_CERT": str(tmp_path / "no.crt")})
    problems = serve_env.problems(half)
    assert any("both" in p for p in problems) and any("does not exist" in p for p in problems)
    plain = serve_env.config_from_env({"OUTREACH_SERVER_HOST": "0.0.0.0"})
    assert any("plain HTTP" in w for w in serve_env.warnings(plain))


# -- the guides ------------------------------------------------------------------------------
def test_guides_show_only_screenshots_the_script_makes() -> None:
    script = (ROOT / "outreach" / "ui" / "screenshots.py").read_text("utf-8")
    made = set(re.findall(r'save\(\w+, "([\w-]+)"\)', script))
    assert made
    for guide in ("user-guide.md", "admin.md"):
        text = (ROOT / "docs" / guide).read_text("utf-8")
        shown = set(re.findall(r"\(screenshots/([\w-]+)\.png\)", text))
        assert shown, guide
        assert shown <= made, f"{guide} shows screenshots nobody makes: {shown - made}"
