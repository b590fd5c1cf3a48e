"""Installing the Debian packages that emend's data comes from.

Shared by the scripts that build lexicons from Debian packages (scowl,
hunspell-ru): each needs a package installed and its version recorded.
"""
import os
import subprocess
import sys


def installed_version(package):
    """The installed version of `package`, or None."""
    result = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Abbrev}\t${Version}", package],
                            text=True, capture_output=True)
    if result.returncode != 0:
        return None
    status, _, version = result.stdout.partition("\t")
    return version.strip() if status.startswith("ii") else None


def ensure_installed(package, needed_paths):
    """Installs `package` with apt-get when it or one of `needed_paths` is
    missing (apt-get update first if the install fails); returns its version."""
    def present():
        return all(path.exists() for path in needed_paths)

    version = installed_version(package)
    if version and present():
        return version
    if os.geteuid() != 0:
        sys.exit(f"{package} is not installed; run as root, or: sudo apt-get install {package}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print(f"installing {package} with apt-get", flush=True)
    install = ["apt-get", "install", "-y", "--no-install-recommends", package]
    if subprocess.run(install, env=env).returncode != 0:
        subprocess.run(["apt-get", "update"], env=env, check=True)
        subprocess.run(install, env=env, check=True)
    version = installed_version(package)
    if not (version and present()):
        sys.exit(f"{package} installed, but {', '.join(str(p) for p in needed_paths)} missing")
    return version
