"""The running copsite as a wheel: what a handbook's CI installs (`copsite init`, `copsite upgrade`).

Engine-free. A handbook names copsite in its requirements.txt by a wheel kept in the
handbook itself (`.copsite/copsite-VERSION-py3-none-any.whl`), so its CI installs the
copsite that wrote it on the first push, on GitHub or GitLab, with no git in the CI's
image, no credentials and no package index holding copsite; and the handbook builds
the same wherever it is cloned. The wheel is made from the running copsite:

- installed from a wheel (`pip install ./copsite`, a VCS address, a package index):
  its own files, as the installation's RECORD lists them, packed again with fixed
  dates and order (the same installation gives the same bytes);
- installed from a source tree in editable mode (`pip install -e`): `pip wheel
  --no-deps` of a copy of that tree, kept in a cache named by the tree's content.

PEP 610's `direct_url.json` tells where the installation came from; a VCS address
and its commit are written beside the wheel's name as a comment (`origin`).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from copsite import __version__
from copsite.i18n import M_

FOLDER = ".copsite"
"""The handbook's folder of the copsite wheel its CI installs."""

WHEEL_NAME = f"copsite-{__version__}-py3-none-any.whl"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
EPOCH_1980 = "315532800"
"""SOURCE_DATE_EPOCH for a wheel built from a source tree: the dates inside it are fixed."""

SOURCE_FILES = ("pyproject.toml", "README.md", "LICENSE", "setup.py", "setup.cfg", "MANIFEST.in")
"""What a build of copsite's source tree reads beside the package folder."""

_LOCAL = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
"""Files of an installation's .dist-info written by the installer, not by the wheel."""


class WheelError(Exception):
    """The running copsite cannot be made into a wheel; `problem` is a catalog msgid with its values."""

    def __init__(self, problem):
        self.problem = problem
        super().__init__(str(problem))


@dataclass(frozen=True)
class Wheel:
    name: str
    data: bytes
    origin: str | None = None
    """Where the running copsite was installed from, when it was a VCS address: 'git+URL@COMMIT'."""


def running_wheel() -> Wheel:
    """The running copsite as a wheel."""
    dist = _distribution()
    origin = vcs_origin(dist) if dist else None
    if dist is not None and _installed_from_wheel(dist):
        return Wheel(WHEEL_NAME, pack_installed(dist), origin)
    return Wheel(WHEEL_NAME, build_from_source(_source_tree()), origin)


def _distribution():
    try:
        return metadata.distribution("copsite")
    except metadata.PackageNotFoundError:
        return None


def _installed_from_wheel(dist) -> bool:
    """The installation holds the package's files itself (not an editable link to a source tree)."""
    import copsite

    here = Path(copsite.__file__).resolve()
    record = dist.read_text("RECORD")
    if not record or dist.version != __version__:
        return False
    return Path(dist.locate_file("copsite/__init__.py")).resolve() == here


def vcs_origin(dist) -> str | None:
    """PEP 610: 'git+URL@COMMIT' when copsite was installed from a VCS address, else None."""
    try:
        info = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        return None
    vcs = info.get("vcs_info") if isinstance(info, dict) else None
    if not vcs or not info.get("url"):
        return None
    return f"{vcs.get('vcs', 'git')}+{info['url']}@{vcs.get('commit_id') or vcs.get('requested_revision', '')}"


def pack_installed(dist) -> bytes:
    """The wheel an installation came from, packed again from the files its RECORD lists."""
    files: dict[str, bytes] = {}
    info_dir = None
    for path in dist.files or ():
        name = path.as_posix()
        top = path.parts[0]
        if top == ".." or "__pycache__" in path.parts or name.endswith(".pyc"):
            continue  # scripts outside site-packages (the wheel's entry points make them) and bytecode
        if top.endswith(".dist-info"):
            info_dir = top
            if len(path.parts) == 2 and path.parts[1] in _LOCAL:
                continue
        files[name] = Path(dist.locate_file(path)).read_bytes()
    if info_dir is None:
        raise WheelError(M_("the installed copsite has no .dist-info folder: reinstall it with pip"))
    return zip_wheel(files, info_dir)


def zip_wheel(files: dict[str, bytes], info_dir: str) -> bytes:
    """A wheel of `files` (by their path in it) with its RECORD: sorted, dated 1980, the same bytes each time."""
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files, key=lambda n: (n.startswith(info_dir + "/"), n)):
            _add(z, name, files[name])
            digest = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
            writer.writerow([name, f"sha256={digest}", len(files[name])])
        writer.writerow([f"{info_dir}/RECORD", "", ""])
        _add(z, f"{info_dir}/RECORD", record.getvalue().encode())
    return out.getvalue()


def _add(z: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


def _source_tree() -> Path:
    import copsite

    root = Path(copsite.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise WheelError(
            M_(
                "copsite runs from %(path)s, which is neither an installed wheel nor a source tree: reinstall it with pip",
                path=root,
            )
        )
    return root


def _tree_files(root: Path) -> list[Path]:
    """The files a build of the source tree reads: the package folder and the project's files beside it."""
    found = [root / name for name in SOURCE_FILES if (root / name).is_file()]
    for path in sorted((root / "copsite").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith((".pyc", ".tmp")):
            found.append(path)
    return found


def build_from_source(root: Path) -> bytes:
    """`pip wheel --no-deps` of a copy of the source tree (a build never leaves build/ in it), cached by content."""
    files = _tree_files(root)
    key = hashlib.sha256()
    for path in files:
        key.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    cached = cache_dir() / key.hexdigest()[:32] / WHEEL_NAME
    if cached.is_file():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory(prefix="copsite-wheel-") as tmp:
        src, out = Path(tmp, "src"), Path(tmp, "out")
        for path in files:
            (src / path.relative_to(root)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / path.relative_to(root))
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH_1980, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)]
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        built = sorted(out.glob("copsite-*.whl"))
        if result.returncode != 0 or not built:
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
            raise WheelError(
                M_("could not make a wheel of copsite's source tree %(path)s with pip: %(error)s", path=root, error=tail[0])
            )
        cached.parent.mkdir(parents=True, exist_ok=True)
        part = cached.with_suffix(".part")
        shutil.copyfile(built[0], part)
        os.replace(part, cached)
    return cached.read_bytes()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "copsite" / "wheels"


REQUIREMENT = re.compile(r"^\s*(?:\./)?(?:\.copsite/copsite-[^\s/]*\.whl|copsite(?=\s|$|[=<>~!\[@;]))")
"""A line of requirements.txt that names copsite: the handbook's wheel, or `copsite==…`, `copsite @ …`."""


def requirement_line(wheel: Wheel) -> str:
    return f"./{FOLDER}/{wheel.name}"
