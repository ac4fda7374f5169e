"""Re-render devkit/sample_site from the story data: `python -m devkit.sample`."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from devkit.sample.site import write_site
from devkit.server import SAMPLE_ROOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=SAMPLE_ROOT)
    args = parser.parse_args()
    out: Path = args.out
    if out.exists():
        if not (out / "manifest.json").is_file():
            parser.error(f"{out} exists and is not a rendered sample site; not deleting it")
        shutil.rmtree(out)
    written = write_site(out)
    print(f"wrote {len(written)} files to {out}")


if __name__ == "__main__":
    main()
