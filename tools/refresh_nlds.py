"""Refresh the vendored NL Design System CSS of the guidegen theme (needs Node's npm).

Run ``python3 tools/refresh_nlds.py`` after changing a version below. It runs
``npm pack`` for each pinned package, takes its built CSS and licence, and writes
them into ``src/guidegen/sphinx/theme/guidegen/static/nlds/``. Of the example
tokens it keeps the basic tokens (``--basis-*``, ``--voorbeeld-*``) and the tokens of
the components listed here: the full file is 200 KB. Commit the result; building
the handbook needs no Node.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / (
    "src/guidegen/sphinx/theme/guidegen/static/nlds"
)
#: Utrecht components (package name below @utrecht/, version); each ships dist/index.css.
COMPONENTS: dict[str, str] = {
    "document-css": "3.0.1",
    "page-layout-css": "2.0.1",
    "page-header-css": "3.0.2",
    "page-body-css": "1.0.1",
    "page-footer-css": "4.0.2",
    "skip-link-css": "3.0.1",
    "link-css": "3.0.1",
    "link-list-css": "4.0.1",
    "nav-bar-css": "3.2.1",
    "button-css": "4.0.1",
    "textbox-css": "4.0.1",
    "form-label-css": "3.0.1",
}
TOKENS = ("@nl-design-system-unstable/voorbeeld-design-tokens", "7.4.1")
KEEP_TOKEN = re.compile(
    r"--(basis|voorbeeld)-|--utrecht-("
    + "|".join(name.removesuffix("-css") for name in COMPONENTS)
    + r")-"
)


def npm_pack(spec: str, folder: Path) -> tarfile.TarFile:
    """Download one pinned package with ``npm pack`` and open its tarball."""
    result = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=folder, capture_output=True, text=True, check=True
    )
    return tarfile.open(folder / result.stdout.strip().splitlines()[-1])


def read(archive: tarfile.TarFile, member: str) -> str:
    handle = archive.extractfile(member)
    if handle is None:
        raise SystemExit(f"{member} ontbreekt in het pakket")
    return handle.read().decode("utf-8")


def keep_tokens(css: str) -> str:
    """The declarations of the tokens the theme uses, in their theme class."""
    lines = css.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith("{"))
    kept = [
        line
        for line in lines[start:]
        if not line.startswith("  --") or KEEP_TOKEN.match(line.strip())
    ]
    return "\n".join(kept)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parts = []
        licence = ""
        for name, version in COMPONENTS.items():
            spec = f"@utrecht/{name}@{version}"
            with npm_pack(spec, folder) as archive:
                parts.append(f"/* {spec} (EUPL-1.2) */\n{read(archive, 'package/dist/index.css')}")
                licence = licence or read(archive, "package/LICENSE.md")
        (TARGET / "utrecht-components.css").write_text("\n".join(parts), encoding="utf-8")
        spec = f"{TOKENS[0]}@{TOKENS[1]}"
        with npm_pack(spec, folder) as archive:
            tokens = keep_tokens(read(archive, "package/dist/theme.css"))
        (TARGET / "voorbeeld-tokens.css").write_text(
            f"/* {spec} (EUPL-1.2), the tokens guidegen uses */\n{tokens}\n", encoding="utf-8"
        )
        (TARGET / "LICENSE-EUPL-1.2.txt").write_text(licence, encoding="utf-8")
        versions = [f"@utrecht/{n}@{v}" for n, v in COMPONENTS.items()] + [spec]
        (TARGET / "VERSIONS.txt").write_text("\n".join(versions) + "\n", encoding="utf-8")
    print(f"NL Design System CSS ververst in {TARGET}", file=sys.stderr)


if __name__ == "__main__":
    main()
