#!/usr/bin/env bash
# Runs a command inside a private network namespace, so that the discovery tests' mDNS
# traffic never leaves this machine (see ../shared/DESIGN.md, "mDNS in tests only inside a
# private network namespace"). Inside: loopback, and two veth pairs with addresses
# 10.9.0.1/24 (v0, the default route, so multicast can be sent) and 10.9.1.1/24 (w0, a second
# interface). LANROOM_NETNS=1 tells the tests they may use mDNS.
#
# Where no namespace can be made (not Linux, no unshare/ip, user namespaces disabled), the
# command runs anyway with LANROOM_NETNS_UNAVAILABLE set to the reason: the discovery tests
# then say why they did not run, and everything else runs as usual.
set -u

if [ "${LANROOM_NETNS:-}" = "1" ]; then exec "$@"; fi

reason=""
if [ "$(uname -s)" != "Linux" ]; then
  reason="network namespaces need Linux"
elif ! command -v unshare >/dev/null 2>&1; then
  reason="unshare (util-linux) is not installed"
elif ! command -v ip >/dev/null 2>&1; then
  reason="ip (iproute2) is not installed"
elif ! err=$(unshare -rn true 2>&1); then
  reason="cannot create a user + network namespace: ${err}"
fi

if [ -n "$reason" ]; then
  echo "in-netns: ${reason}; mDNS discovery tests will not run" >&2
  LANROOM_NETNS_UNAVAILABLE="$reason" exec "$@"
fi

exec unshare -rn sh -c '
  set -e
  ip link set lo up
  ip link add v0 type veth peer name v1
  ip link set v0 up
  ip link set v1 up
  ip addr add 10.9.0.1/24 dev v0
  ip route add default dev v0
  ip link add w0 type veth peer name w1
  ip link set w0 up
  ip link set w1 up
  ip addr add 10.9.1.1/24 dev w0
  LANROOM_NETNS=1 exec "$@"
' in-netns "$@"
