"""The machine's reportlab settings cannot change the build."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.conftest import FONTS, LAYOUT, body_page


def build(root: Path, out: Path, cwd: Path, env: dict[str, str]) -> bytes:
    result = subprocess.run([sys.executable, "-m", "renderer", "build", str(root), "-o", str(out), "-q",
                             "--layout", str(LAYOUT), "--fonts", str(FONTS)], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_rl_environment_and_settings_files_are_ignored(edition: Callable[..., Path], tmp_path: Path) -> None:
    import os
    root = edition(body_page("{type: paragraph, text: Hello}"))
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith("RL_")}
    clean_env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    baseline = build(root, tmp_path / "a.pdf", tmp_path, clean_env)
    hostile_dir = tmp_path / "hostile"
    hostile_dir.mkdir()
    marker = tmp_path / "settings-ran"
    (hostile_dir / "reportlab_settings.py").write_text(f"open({str(marker)!r}, 'w').write('x')\ninvariant = 0\n")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".reportlab_settings").write_text(f"open({str(marker)!r}, 'w').write('y')\nuseA85 = 1\n")
    env = dict(clean_env, RL_invariant="0", RL_useA85="1", RL_trustedHosts="evil.example", HOME=str(home))
    assert build(root, tmp_path / "b.pdf", hostile_dir, env) == baseline
    assert not marker.exists()
