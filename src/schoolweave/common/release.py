"""A stamp of the code that is running, for keys of what it keeps between runs."""

import hashlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def code_stamp(package: Path = PACKAGE) -> str:
    """Changes with any of the package's Python files. The cache holds pickled objects of this
    code (sections, evaluations): after an upgrade, an old release's could fail to load or show
    what the new one would not, so each release reads only its own."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
