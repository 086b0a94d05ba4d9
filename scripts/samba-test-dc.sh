#!/usr/bin/env bash
# A throwaway Samba AD DC for tests, on 127.0.0.1 only, LDAPS on port 636 with a CA and
# a certificate (SAN IP:127.0.0.1) made here:
#
#   scripts/samba-test-dc.sh ensure       install samba, samba-ad-dc, samba-ad-provision, ldap-utils (Debian)
#   scripts/samba-test-dc.sh start DIR    provision into DIR (once), start `samba -i`, wait for LDAPS
#   scripts/samba-test-dc.sh stop DIR     stop it (by the PID in DIR/samba.pid, its whole process group)
#
# Realm PASSFORGE.TEST (DC=passforge,DC=test), domain PASSFORGE, the Administrator's
# password in DIR/admin.pw, the CA in DIR/tls/ca.pem. Only the LDAP server (and the
# KDC and directory replication services Samba needs for it) run; no DNS, no SMB.
# Only one such DC can run at a time (636 is fixed): `start` waits for the port.
set -euo pipefail
cmd=${1:?ensure|start|stop}

ensure() {
  command -v samba >/dev/null && command -v samba-tool >/dev/null && command -v ldapmodify >/dev/null &&
    [[ -d /usr/share/samba/setup ]] && return 0
  local sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq samba samba-ad-dc samba-ad-provision ldap-utils >/dev/null
}

port_busy() { (exec 3<>/dev/tcp/127.0.0.1/636) 2>/dev/null; }

certs() {
  local tls=$1/tls
  [[ -f "$tls/cert.pem" ]] && return 0
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=passforge Samba test CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=dc.passforge.test" \
    -keyout "$tls/key.pem" -out "$tls/cert.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:dc.passforge.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' >"$tls/cert.ext"
  openssl x509 -req -in "$tls/cert.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
    -days 30 -extfile "$tls/cert.ext" -out "$tls/cert.pem" 2>/dev/null
  chmod 600 "$tls/key.pem" "$tls/ca.key"
}

provision() {
  local dir=$1
  [[ -f "$dir/etc/smb.conf" ]] && return 0
  mkdir -p "$dir/run"
  [[ -f "$dir/admin.pw" ]] || { printf 'Adm1n-%s' "$(head -c 12 /dev/urandom | base64 | tr -d '/+=')" >"$dir/admin.pw"; chmod 600 "$dir/admin.pw"; }
  samba-tool domain provision --realm=PASSFORGE.TEST --domain=PASSFORGE --server-role=dc \
    --dns-backend=NONE --adminpass="$(cat "$dir/admin.pw")" --targetdir="$dir" --host-name=dc \
    --option="interfaces=lo" --option="bind interfaces only=yes" \
    --option="pid directory=$dir/run" \
    --option="server services = ldap, kdc, drepl" \
    --option="tls enabled = yes" \
    --option="tls keyfile = $dir/tls/key.pem" --option="tls certfile = $dir/tls/cert.pem" \
    --option="tls cafile = $dir/tls/ca.pem" >"$dir/provision.log" 2>&1 ||
    { cat "$dir/provision.log" >&2; exit 1; }
}

case "$cmd" in
  ensure) ensure ;;
  start)
    dir=${2:?DIR}
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    certs "$dir"
    provision "$dir"
    for _ in $(seq 1 600); do port_busy || break; sleep 0.5; done
    port_busy && { echo "127.0.0.1:636 stays busy (another DC?)" >&2; exit 1; }
    # Its own session and process group, so that stop ends every child too.
    setsid samba -i -s "$dir/etc/smb.conf" </dev/null >"$dir/samba.log" 2>&1 &
    echo $! >"$dir/samba.pid"
    for _ in $(seq 1 240); do
      port_busy && { echo "ldaps://127.0.0.1:636"; exit 0; }
      kill -0 "$(cat "$dir/samba.pid")" 2>/dev/null || break
      sleep 0.25
    done
    echo "samba did not listen on 127.0.0.1:636" >&2; tail -30 "$dir/samba.log" >&2; exit 1
    ;;
  stop)
    dir=${2:?DIR}
    [[ -f "$dir/samba.pid" ]] || exit 0
    pid=$(cat "$dir/samba.pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    rm -f "$dir/samba.pid"
    ;;
  *) echo "usage: $0 ensure | start DIR | stop DIR" >&2; exit 2 ;;
esac
