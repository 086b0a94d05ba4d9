#!/usr/bin/env bash
# A throwaway OpenLDAP server for tests: slapd with an mdb database and the ppolicy
# overlay, LDAPS (and StartTLS) on 127.0.0.1 with a CA and a certificate made here.
#
#   scripts/slapd-test-server.sh ensure                     install slapd + ldap-utils (Debian)
#   scripts/slapd-test-server.sh start DIR PORT [PORT2]     ldaps://127.0.0.1:PORT, ldap:// (StartTLS) on PORT2
#   scripts/slapd-test-server.sh stop DIR                   stop it (by the PID in DIR/slapd.pid)
#
# The suffix is dc=example,dc=test, the root DN cn=admin,dc=example,dc=test with the
# password in DIR/admin.pw. DIR/seed.ldif, if present, is loaded with slapadd before the
# first start. cn=passforge,ou=services,… gets `manage` on userPassword and the pwd*
# attributes (a password administrator), cn=writer,ou=services,… only `write`. The
# default policy entry is cn=default,ou=policies,dc=example,dc=test. DIR/ca.pem is the CA.
set -euo pipefail
cmd=${1:?ensure|start|stop}
suffix="dc=example,dc=test"

ensure() {
  command -v slapd >/dev/null && command -v ldapsearch >/dev/null && return 0
  [[ -x /usr/sbin/slapd ]] && command -v ldapsearch >/dev/null && return 0
  local sudo=""; [[ "$(id -u)" != 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  # Debian's slapd post-install configures a database of its own unless told not to.
  echo "slapd slapd/no_configuration boolean true" | $sudo debconf-set-selections
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slapd ldap-utils >/dev/null
}

certs() {
  local dir=$1
  [[ -f "$dir/server.pem" ]] && return 0
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=passforge test CA" \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' >"$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 30 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
  chmod 600 "$dir/server.key" "$dir/ca.key"
}

config() {
  local dir=$1
  [[ -f "$dir/slapd.conf" ]] && return 0
  [[ -f "$dir/admin.pw" ]] || { printf %s "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >"$dir/admin.pw"; chmod 600 "$dir/admin.pw"; }
  local hash; hash=$(slappasswd -T "$dir/admin.pw" 2>/dev/null || /usr/sbin/slappasswd -T "$dir/admin.pw")
  local modules=/usr/lib/ldap
  [[ -d $modules ]] || modules=$(dirname "$(find /usr/lib -name 'back_mdb.so*' -print -quit)")
  cat >"$dir/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
modulepath $modules
moduleload back_mdb
moduleload ppolicy
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
TLSCACertificateFile $dir/ca.pem
TLSCertificateFile $dir/server.pem
TLSCertificateKeyFile $dir/server.key
loglevel none

database mdb
suffix "$suffix"
rootdn "cn=admin,$suffix"
rootpw $hash
directory $dir/db
maxsize 104857600
index objectClass,uid,cn eq
index member,uniqueMember eq

access to attrs=userPassword,pwdAccountLockedTime,pwdFailureTime,pwdReset,pwdHistory,pwdChangedTime
  by dn.exact="cn=passforge,ou=services,$suffix" manage
  by dn.exact="cn=writer,ou=services,$suffix" write
  by self write
  by anonymous auth
  by * none
access to *
  by dn.exact="cn=passforge,ou=services,$suffix" manage
  by dn.exact="cn=writer,ou=services,$suffix" write
  by users read
  by * none

overlay ppolicy
ppolicy_default "cn=default,ou=policies,$suffix"
ppolicy_use_lockout
EOF
}

slapd_bin() { command -v slapd 2>/dev/null || echo /usr/sbin/slapd; }
slapadd_bin() { command -v slapadd 2>/dev/null || echo /usr/sbin/slapadd; }

case "$cmd" in
  ensure) ensure ;;
  start)
    dir=${2:?DIR}; port=${3:?PORT}; port2=${4:-}
    mkdir -p "$dir/db"
    certs "$dir"
    config "$dir"
    if [[ -f "$dir/seed.ldif" && ! -f "$dir/db/data.mdb" ]]; then
      "$(slapadd_bin)" -q -f "$dir/slapd.conf" -l "$dir/seed.ldif" >"$dir/slapadd.log" 2>&1 ||
        { cat "$dir/slapadd.log" >&2; exit 1; }
    fi
    urls="ldaps://127.0.0.1:$port/"
    [[ -n "$port2" ]] && urls="$urls ldap://127.0.0.1:$port2/"
    "$(slapd_bin)" -f "$dir/slapd.conf" -h "$urls" 2>"$dir/slapd.log" ||
      { cat "$dir/slapd.log" >&2; exit 1; }
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "ldaps://127.0.0.1:$port"; exit 0; fi
      sleep 0.05
    done
    echo "slapd did not listen on 127.0.0.1:$port" >&2; cat "$dir/slapd.log" >&2; exit 1
    ;;
  stop)
    dir=${2:?DIR}
    [[ -f "$dir/slapd.pid" ]] || exit 0
    pid=$(cat "$dir/slapd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done
    kill -9 "$pid" 2>/dev/null || true
    ;;
  *) echo "usage: $0 ensure | start DIR PORT [PORT2] | stop DIR" >&2; exit 2 ;;
esac
