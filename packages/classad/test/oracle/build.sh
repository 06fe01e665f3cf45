#!/bin/sh
# Build the C++ oracle inside the Debian trixie chroot that has HTCondor 23.9.6 (see ../fixtures/README.md).
# Needs: g++ in the chroot (apt-get install g++) and the condor-dev headers of the same version, unpacked
# (not installed) with: cd /root/condor-dev && apt-get download condor-dev && dpkg-deb -x condor-dev_*.deb x
set -e
ROOT=${TRIXIE:-/opt/trixie}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$ROOT/root/classad-oracle"
cp "$HERE/oracle.cpp" "$ROOT/root/classad-oracle/"
chroot "$ROOT" sh -c 'cd /root/classad-oracle && g++ -std=c++17 -O1 -o oracle oracle.cpp \
  -I/root/condor-dev/x/usr/include -DWANT_CLASSAD_NAMESPACE=1 \
  /usr/lib/libclassad.so.23.9.6 /usr/lib/libcondor_utils_23_9_6.so -Wl,-rpath,/usr/lib'
echo "built $ROOT/root/classad-oracle/oracle"
