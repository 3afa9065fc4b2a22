#!/usr/bin/env bash
# A two-node ClickHouse cluster on loopback for driftlab's ClickHouse tests and benchmarks (issue 16).
#
#   scripts/clickhouse/cluster.sh start    start two clickhouse-server processes and wait until both answer queries
#   scripts/clickhouse/cluster.sh load     put flights-3m into per-shard MergeTree tables + Distributed tables (load.mjs)
#   scripts/clickhouse/cluster.sh status   say which nodes run and print the URL to export
#   scripts/clickhouse/cluster.sh stop     stop both servers and delete the work dir
#
# Each node has its own data dir, config, log and HTTP/TCP/interserver ports. The remote_servers config names two
# clusters: `driftlab_two_shards` (node 0 and node 1, one shard each) and `driftlab_one_shard` (node 0 only). Tables
# are created per node by load.mjs (ON CLUSTER DDL needs ZooKeeper, which we do not run).
#
# Environment (all optional):
#   DRIFTLAB_CLICKHOUSE_DIR   work dir (default: ${TMPDIR:-/tmp}/driftlab-clickhouse)
#   DRIFTLAB_CLICKHOUSE_PORT  HTTP port of node 0 (default 28123); node i uses HTTP port+i, TCP port+100+i,
#                             interserver port+200+i
#   DRIFTLAB_CLICKHOUSE_BIN   the server binary (default: clickhouse-server on PATH or /usr/sbin/clickhouse-server)
#   DRIFTLAB_CLICKHOUSE_WAIT  seconds to wait for a node to answer before failing (default 60)
#
# Debian's package is ClickHouse 18.16 (apt-get install -y clickhouse-server). As root, the servers run as the
# package's `clickhouse` user (the data dir is chowned to it) when that user exists, else as root.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
dir=${DRIFTLAB_CLICKHOUSE_DIR:-${TMPDIR:-/tmp}/driftlab-clickhouse}
base_port=${DRIFTLAB_CLICKHOUSE_PORT:-28123}
wait_seconds=${DRIFTLAB_CLICKHOUSE_WAIT:-60}
nodes=(0 1)

http_port() { echo $((base_port + $1)); }
tcp_port() { echo $((base_port + 100 + $1)); }
interserver_port() { echo $((base_port + 200 + $1)); }
node_dir() { echo "$dir/node$1"; }
pid_file() { echo "$dir/node$1/server.pid"; }

fail() {
  echo "cluster.sh: $*" >&2
  exit 1
}

server_binary() {
  if [[ -n ${DRIFTLAB_CLICKHOUSE_BIN:-} ]]; then
    echo "$DRIFTLAB_CLICKHOUSE_BIN"
  elif command -v clickhouse-server >/dev/null 2>&1; then
    command -v clickhouse-server
  elif [[ -x /usr/sbin/clickhouse-server ]]; then
    echo /usr/sbin/clickhouse-server
  else
    fail "clickhouse-server not found. Install it (Debian: apt-get install -y clickhouse-server) or set DRIFTLAB_CLICKHOUSE_BIN."
  fi
}

# The user the servers run as: the package's `clickhouse` user when we are root and it exists.
run_user() {
  if [[ $EUID -eq 0 ]] && id clickhouse >/dev/null 2>&1; then echo clickhouse; else id -un; fi
}

# One HTTP request to a node without curl (not on every machine): bash's /dev/tcp. Prints the body.
# Returns 0 for HTTP 200, 2 when the port does not answer, 1 for any other status (the body says why).
http_get() {
  local port=$1 path=$2 response status
  exec 3<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null || return 2
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  response=$(cat <&3) || true
  exec 3<&-
  status=$(printf '%s' "$response" | head -n1 | awk '{print $2}')
  printf '%s' "$response" | awk 'body {print} /^\r?$/ {body=1}'
  [[ $status == 200 ]] || return 1
}

# Percent-encodes a query for a GET URL (only characters our fixed queries use).
url_query() { printf '%s' "$1" | sed -e 's/%/%25/g' -e 's/ /%20/g' -e "s/'/%27/g" -e 's/(/%28/g' -e 's/)/%29/g' -e 's/,/%2C/g' -e 's/=/%3D/g'; }

query() { http_get "$1" "/?query=$(url_query "$2")"; }

is_running() {
  local pid_path
  pid_path=$(pid_file "$1")
  [[ -f $pid_path ]] && kill -0 "$(cat "$pid_path")" 2>/dev/null
}

log_tail() {
  local d
  d=$(node_dir "$1")
  local printed=0
  for f in "$d/stdout.log" "$d/server.err.log" "$d/server.log"; do
    if [[ -s $f ]]; then
      echo "--- last lines of $f" >&2
      tail -n 30 "$f" >&2
      printed=1
    fi
  done
  ((printed)) || echo "--- node $1 wrote no log at all (in $d): the binary did not start; check DRIFTLAB_CLICKHOUSE_BIN." >&2
}

write_config() {
  local i=$1 d shard_xml=""
  d=$(node_dir "$i")
  mkdir -p "$d/data/tmp" "$d/data/user_files" "$d/data/format_schemas"
  for n in "${nodes[@]}"; do
    shard_xml+="      <shard><replica><host>127.0.0.1</host><port>$(tcp_port "$n")</port></replica></shard>"$'\n'
  done
  cat >"$d/config.xml" <<EOF
<?xml version="1.0"?>
<!-- Written by driftlab scripts/clickhouse/cluster.sh for node $i; deleted by "cluster.sh stop". -->
<yandex>
  <logger>
    <level>information</level>
    <log>$d/server.log</log>
    <errorlog>$d/server.err.log</errorlog>
    <size>100M</size>
    <count>1</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>$(http_port "$i")</http_port>
  <tcp_port>$(tcp_port "$i")</tcp_port>
  <interserver_http_port>$(interserver_port "$i")</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$d/data/</path>
  <tmp_path>$d/data/tmp/</tmp_path>
  <user_files_path>$d/data/user_files/</user_files_path>
  <format_schema_path>$d/data/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <!-- UTC, so that toMonth(ts) and DateTime text mean the same as driftlab's UTC datetimes. -->
  <timezone>UTC</timezone>
  <max_concurrent_queries>100</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <remote_servers>
    <driftlab_two_shards>
$shard_xml    </driftlab_two_shards>
    <driftlab_one_shard>
      <shard><replica><host>127.0.0.1</host><port>$(tcp_port 0)</port></replica></shard>
    </driftlab_one_shard>
  </remote_servers>
</yandex>
EOF
  cat >"$d/users.xml" <<'EOF'
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <load_balancing>in_order</load_balancing>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval>
    </default>
  </quotas>
</yandex>
EOF
}

start_node() {
  local i=$1 d binary user
  d=$(node_dir "$i")
  binary=$(server_binary)
  user=$(run_user)
  if (exec 3<>"/dev/tcp/127.0.0.1/$(http_port "$i")") 2>/dev/null; then
    fail "port $(http_port "$i") (node $i HTTP) is already in use by another process. Stop it, or set DRIFTLAB_CLICKHOUSE_PORT."
  fi
  write_config "$i"
  if [[ $user != "$(id -un)" ]]; then
    chown -R "$user:" "$d"
    setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups test -w "$d/data" ||
      fail "user $user cannot write $d/data (a directory above it is closed to that user). Set DRIFTLAB_CLICKHOUSE_DIR to a directory under /tmp."
    setsid setpriv --reuid="$user" --regid="$(id -g "$user")" --init-groups \
      "$binary" --config-file="$d/config.xml" --pid-file="$d/server.pid" >"$d/stdout.log" 2>&1 </dev/null &
  else
    setsid "$binary" --config-file="$d/config.xml" --pid-file="$d/server.pid" >"$d/stdout.log" 2>&1 </dev/null &
  fi
  echo $! >"$d/launcher.pid"
}

# Polls /ping and then a real query until the node answers; fails with the log tail when the process exits or the
# wait runs out.
wait_node() {
  local i=$1 port deadline launcher
  port=$(http_port "$i")
  launcher=$(cat "$(node_dir "$i")/launcher.pid")
  deadline=$((SECONDS + wait_seconds))
  while ((SECONDS < deadline)); do
    if [[ $(http_get "$port" /ping 2>/dev/null) == Ok.* ]] && query "$port" "SELECT 1" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$launcher" 2>/dev/null; then
      log_tail "$i"
      echo "cluster.sh: node $i (HTTP port $port) exited during start-up; its log is above." >&2
      return 1
    fi
    sleep 0.2
  done
  log_tail "$i"
  echo "cluster.sh: node $i (HTTP port $port) did not answer within ${wait_seconds}s (DRIFTLAB_CLICKHOUSE_WAIT); its log is above." >&2
  return 1
}

# Both shards must be reachable from node 0 through the cluster definition.
check_cluster() {
  local port shards
  port=$(http_port 0)
  shards=$(query "$port" "SELECT count() FROM system.clusters WHERE cluster = 'driftlab_two_shards'") ||
    fail "node 0 could not list its clusters: $shards"
  [[ $shards == 2 ]] || fail "node 0 sees $shards shards in driftlab_two_shards, expected 2."
  local answered
  answered=$(query "$port" "SELECT count() FROM remote('127.0.0.1:$(tcp_port 1)', system.one)") ||
    fail "node 0 cannot query node 1 over TCP port $(tcp_port 1): $answered"
  [[ $answered == 1 ]] || fail "node 0 got '$answered' from node 1, expected 1."
}

stop_node() {
  local i=$1 d pid
  d=$(node_dir "$i")
  for f in "$d/server.pid" "$d/launcher.pid"; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    [[ -n $pid ]] && kill "$pid" 2>/dev/null || true
  done
  # Wait (bounded) until the processes are gone, then force.
  for f in "$d/server.pid" "$d/launcher.pid"; do
    [[ -f $f ]] || continue
    pid=$(cat "$f")
    [[ -n $pid ]] || continue
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
}

cmd_start() {
  if is_running 0 || is_running 1; then
    fail "a cluster is already running in $dir (cluster.sh status); stop it first."
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  chmod 755 "$dir"
  local i
  for i in "${nodes[@]}"; do start_node "$i"; done
  for i in "${nodes[@]}"; do
    if ! wait_node "$i"; then
      # Keep the logs for a look; stop whatever did start.
      for n in "${nodes[@]}"; do stop_node "$n"; done
      fail "start failed; logs kept in $dir (cluster.sh stop removes them)."
    fi
  done
  # The server writes its pid file once it is up; it is the process to stop.
  for i in "${nodes[@]}"; do
    [[ -s $(pid_file "$i") ]] || cp "$(node_dir "$i")/launcher.pid" "$(pid_file "$i")"
  done
  if ! (check_cluster); then
    for n in "${nodes[@]}"; do stop_node "$n"; done
    fail "the nodes run but do not form the cluster; stopped them. Logs kept in $dir."
  fi
  echo "ClickHouse $(query "$(http_port 0)" "SELECT version()") cluster up in $dir, running as $(run_user):"
  for i in "${nodes[@]}"; do
    echo "  node $i: http://127.0.0.1:$(http_port "$i") (tcp $(tcp_port "$i"), interserver $(interserver_port "$i"))"
  done
  echo "export DRIFTLAB_CLICKHOUSE_URL=http://127.0.0.1:$(http_port 0)"
}

cmd_status() {
  local i up=0
  for i in "${nodes[@]}"; do
    if is_running "$i" && [[ $(http_get "$(http_port "$i")" /ping 2>/dev/null) == Ok.* ]]; then
      echo "node $i: running, http://127.0.0.1:$(http_port "$i")"
      up=$((up + 1))
    else
      echo "node $i: not running"
    fi
  done
  if ((up == ${#nodes[@]})); then
    echo "export DRIFTLAB_CLICKHOUSE_URL=http://127.0.0.1:$(http_port 0)"
    return 0
  fi
  return 1
}

cmd_stop() {
  local i
  for i in "${nodes[@]}"; do stop_node "$i"; done
  for i in "${nodes[@]}"; do
    if is_running "$i"; then fail "node $i (pid $(cat "$(pid_file "$i")")) is still running."; fi
  done
  rm -rf "$dir"
  echo "ClickHouse cluster stopped; $dir removed."
}

cmd_load() {
  is_running 0 && is_running 1 || fail "the cluster is not running (cluster.sh start first)."
  DRIFTLAB_CLICKHOUSE_PORT=$base_port node "$here/load.mjs" "$@"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  load)
    shift
    cmd_load "$@"
    ;;
  *)
    echo "usage: $0 start|load|status|stop" >&2
    exit 2
    ;;
esac
