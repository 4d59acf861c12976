#!/usr/bin/env bash
# The send benchmark (docs/benchmarks.md, "send: CPU per message against a bare echo"): starts the embedded
# default (local-stack's jar) and the bare echo (bench-echo's jar) as two JVMs on this machine, registers
# USERS users, then alternates ROUNDS rounds of wrk against each (echo first, then the gateway's send), and
# prints per round and as medians: rate, HTTP p50/p99, the writer's accept-to-stored p50/p99, and CPU-ms per
# message from /proc process accounting (utime+stime): the gateway's Tomcat threads, the JVM(s), PostgreSQL.
#
#   mvn -B -q -DskipTests package -pl local-stack,bench-echo -am
#   benchmarks/send-cost.sh                       # 5 rounds of 20 s, 64 connections, unpaced
#   RATE=2000 ROUNDS=5 SECONDS_PER_ROUND=20 benchmarks/send-cost.sh
#   JFR=1 benchmarks/send-cost.sh                 # the stack's JVM records a JFR profile from its start
#
# Settings (environment): ROUNDS (5), SECONDS_PER_ROUND (20), CONNECTIONS (64), RATE (0: as fast as answers
# come; N: each connection paced to N/CONNECTIONS requests a second, a closed loop, so latency is service time),
# USERS (1000: each sends below the spam rules at 5,000 requests/s), WARMUP_SECONDS (30, per target),
# STACK_JAVA_OPTS (-Xmx2g), JFR (0), KEEP (0: remove the data folder at the end).
set -euo pipefail

ROUNDS=${ROUNDS:-5}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-20}
CONNECTIONS=${CONNECTIONS:-64}
RATE=${RATE:-0}
USERS=${USERS:-1000}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
STACK_JAVA_OPTS=${STACK_JAVA_OPTS:--Xmx2g}
JFR=${JFR:-0}
KEEP=${KEEP:-0}
GATEWAY=http://127.0.0.1:8080
WRITER_METRICS=http://127.0.0.1:8081/actuator/prometheus
ECHO_PORT=8090
ECHO=http://127.0.0.1:$ECHO_PORT

root=$(cd "$(dirname "$0")/.." && pwd)
stack_jar=$root/local-stack/target/dialogs-local.jar
echo_jar=$root/bench-echo/target/dialogs-echo.jar
for need in "$stack_jar" "$echo_jar"; do
    [[ -f $need ]] || { echo "missing $need: mvn -B -q -DskipTests package -pl local-stack,bench-echo -am" >&2; exit 2; }
done
for tool in wrk curl awk; do
    command -v $tool >/dev/null || { echo "needs $tool (wrk: apt-get install wrk)" >&2; exit 2; }
done

work=$(mktemp -d -t dialogs-send-cost.XXXXXX)
chmod 755 "$work" # as root, the embedded PostgreSQL runs as another user, who must reach its data folder
tick_ms=$((1000 / $(getconf CLK_TCK)))
stack_pid=
echo_pid=
cleanup() {
    [[ -n $echo_pid ]] && kill "$echo_pid" 2>/dev/null && wait "$echo_pid" 2>/dev/null || true
    [[ -n $stack_pid ]] && kill "$stack_pid" 2>/dev/null && wait "$stack_pid" 2>/dev/null || true
    if [[ $KEEP == 1 || $JFR == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# run copies, so that a build during the run cannot change the jars under the JVMs
cp "$stack_jar" "$echo_jar" "$work/"
stack_jar=$work/$(basename "$stack_jar")
echo_jar=$work/$(basename "$echo_jar")
jfr_opts=
if [[ $JFR == 1 ]]; then
    jfr_opts="-XX:StartFlightRecording=filename=$work/stack.jfr,settings=profile,dumponexit=true"
fi
# bcrypt at its cheapest for the benchmark's users, so that registering them takes seconds, not minutes
# shellcheck disable=SC2086
API_GATEWAY_BCRYPT_STRENGTH=${API_GATEWAY_BCRYPT_STRENGTH:-4} java $STACK_JAVA_OPTS $jfr_opts -jar "$stack_jar" --data-dir="$work/data" >"$work/stack.log" 2>&1 &
stack_pid=$!
# shellcheck disable=SC2086
java -Xmx512m ${ECHO_JAVA_OPTS:-} -jar "$echo_jar" --server.port=$ECHO_PORT >"$work/echo.log" 2>&1 &
echo_pid=$!

wait_up() { # url what [curl options]
    for _ in $(seq 1 600); do
        curl -sf -o /dev/null "${@:3}" "$1" && return 0
        kill -0 "$stack_pid" "$echo_pid" 2>/dev/null || break
        sleep 0.5
    done
    echo "$2 did not come up; see $work" >&2
    exit 1
}
wait_up "$GATEWAY/actuator/health" "the embedded default"
wait_up "$WRITER_METRICS" "the writer"
wait_up "$ECHO/dialog/2/send" "the echo" -H 'Content-Type: application/json' -d '{"text":"up?"}'

# the PostgreSQL of this stack: its postmaster (pid in its data folder's postmaster.pid) and its children
postmaster_pid() {
    local file
    file=$(find "$work/data" -name postmaster.pid 2>/dev/null | head -1)
    [[ -n $file ]] && head -1 "$file"
}
pg_pids() {
    local pm
    pm=$(postmaster_pid) || return 0
    echo "$pm"
    awk -v pm="$pm" '{ sub(/^.*\) /, ""); if ($2 == pm) print FILENAME }' /proc/[0-9]*/stat 2>/dev/null \
        | sed 's#/proc/\([0-9]*\)/stat#\1#'
}
# CPU ticks: utime+stime of a process (with cutime+cstime: children it waited for, e.g. ended backends)
proc_ticks() {
    awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
# "tid ticks" of the threads of $1 whose name starts with $2 (Linux keeps the first 15 characters of a name)
thread_ticks() {
    local t name
    for t in /proc/"$1"/task/*; do
        name=$(cat "$t/comm" 2>/dev/null) || continue
        [[ $name == "$2"* ]] || continue
        awk -v tid="${t##*/}" '{ sub(/^.*\) /, ""); print tid, $12 + $13 }' "$t/stat" 2>/dev/null || true
    done
}
# ticks the threads of $2 (after) spent since $1 (before): a thread started since counts whole, one ended is lost
thread_delta() {
    awk 'NR == FNR { before[$1] = $2; next } { sum += $2 - (($1 in before) ? before[$1] : 0) } END { print sum + 0 }' \
        <(echo "$1") <(echo "$2")
}
pg_ticks() {
    local sum=0 p
    for p in $(pg_pids); do sum=$((sum + $(proc_ticks "$p"))); done
    echo $sum
}

# --- users: USERS registered users, user i sends to user i+1 (both hash passwords with bcrypt: a few at a time)
register() {
    local n=$1 id token
    id=$(curl -sf -H 'Content-Type: application/json' -d \
        "{\"first_name\":\"Bench\",\"second_name\":\"Sender\",\"birthdate\":\"1990-01-01\",\"password\":\"bench-password-$n\"}" \
        "$GATEWAY/user/register" | sed 's/.*"user_id" *: *"\([^"]*\)".*/\1/')
    token=$(curl -sf -H 'Content-Type: application/json' -d "{\"id\":\"$id\",\"password\":\"bench-password-$n\"}" \
        "$GATEWAY/login" | sed 's/.*"token" *: *"\([^"]*\)".*/\1/')
    echo "$id $token"
}
export -f register
export GATEWAY
started=$(date +%s)
seq 1 "$USERS" | xargs -P 4 -I{} bash -c 'register {}' >"$work/users.txt"
echo "registered $(wc -l <"$work/users.txt") users in $(($(date +%s) - started)) s" >&2
awk 'NR == 1 { first = $1 } { if (prev != "") print prevtoken, $1; prev = $1; prevtoken = $2 }
     END { print prevtoken, first }' "$work/users.txt" >"$work/pairs.txt"

cat >"$work/send.lua" <<EOF
-- each connection rotates over the senders, starting at its own offset
local pairs_ = {}
for line in io.lines("$work/pairs.txt") do
    local token, peer = line:match("(%S+) (%S+)")
    pairs_[#pairs_ + 1] = { token, peer }
end
local counter = 0
local texts = { "Привет! Как дела?", "See you at 7 near the station, bring the tickets.", "ok" }
local pace_ms = ${RATE} > 0 and (${CONNECTIONS} * 1000 / ${RATE}) or 0
function init(args)
    counter = math.random(#pairs_)
end
function delay()
    return pace_ms
end
function request()
    counter = counter % #pairs_ + 1
    local p = pairs_[counter]
    return wrk.format("POST", "/dialog/" .. p[2] .. "/send",
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. p[1] },
        '{"text":"' .. texts[counter % #texts + 1] .. '"}')
end
EOF

writer_histogram() { # le count, one line a bucket
    curl -sf "$WRITER_METRICS" | awk '/^dialogs_writer_accept_to_stored_seconds_bucket/ {
        match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); print le, $NF }'
}
writer_count() {
    curl -sf "$WRITER_METRICS" | awk '/^dialogs_writer_accept_to_stored_seconds_count/ { print $NF }'
}
# p50 and p99 in ms of the difference of two histograms, interpolated within a bucket as histogram_quantile does
quantiles() { # before after
    join <(sort "$1") <(sort "$2") | awk '{ le = ($1 == "+Inf") ? 1e9 : $1; print le, $3 - $2 }' | sort -g \
        | awk '{ le[NR] = $1; c[NR] = $2 } END {
            total = c[NR]; split("0.5 0.99", qs, " ")
            for (i = 1; i <= 2; i++) {
                rank = qs[i] * total; lower = 0; prev = 0
                for (j = 1; j <= NR; j++) {
                    if (c[j] >= rank) {
                        v = (le[j] == 1e9) ? lower : lower + (le[j] - lower) * (rank - prev) / (c[j] - prev + 1e-12)
                        printf "%.1f ", v * 1000; break
                    }
                    lower = le[j]; prev = c[j]
                }
            }
            print "" }'
}
wait_writer_idle() {
    local last=-1 now
    for _ in $(seq 1 120); do
        now=$(writer_count)
        [[ $now == "$last" ]] && return 0
        last=$now
        sleep 1
    done
}
# to milliseconds: 1.23ms, 456.00us, 1.02s
to_ms() {
    awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
           else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }' <<<"$1"
}

run_wrk() { # url seconds out
    wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -s "$work/send.lua" "$1/dialog/0/send" >"$3" 2>&1
}

round() { # target(echo|send) n
    local target=$1 n=$2 url pid out=$work/wrk-$1-$2.txt
    local before_all before_http before_prod before_pg before_hist after_hist
    if [[ $target == echo ]]; then url=$ECHO; pid=$echo_pid; else url=$GATEWAY; pid=$stack_pid; fi
    local port=${url##*:}
    [[ $target == send ]] && before_hist=$work/hist-before && writer_histogram >"$before_hist"
    local load_before
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    before_all=$(proc_ticks "$pid"); before_http=$(thread_ticks "$pid" "http-nio-$port")
    before_prod=$(thread_ticks "$pid" "kafka-producer-"); before_pg=$(pg_ticks)
    local t0 t1
    t0=$(date +%s.%N)
    run_wrk "$url" "$SECONDS_PER_ROUND" "$out"
    [[ $target == send ]] && wait_writer_idle
    t1=$(date +%s.%N)
    local all http prod pg
    all=$(($(proc_ticks "$pid") - before_all)); http=$(thread_delta "$before_http" "$(thread_ticks "$pid" "http-nio-$port")")
    prod=$(thread_delta "$before_prod" "$(thread_ticks "$pid" "kafka-producer-")"); pg=$(($(pg_ticks) - before_pg))
    [[ $target == echo ]] && pg=0
    local idle_rate=$idle_stack idle_pg_rate=$idle_pg
    [[ $target == echo ]] && idle_rate=$idle_echo && idle_pg_rate=0
    local requests errors rps p50 p99 a2s="- -"
    requests=$(awk '/requests in/ { print $1 }' "$out")
    errors=$(awk '/Non-2xx/ { print $NF }' "$out"); errors=${errors:-0}
    rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    if [[ $target == send ]]; then
        after_hist=$work/hist-after && writer_histogram >"$after_hist"
        a2s=$(quantiles "$before_hist" "$after_hist")
    fi
    local ok=$((requests - errors))
    awk -v t="$target" -v n="$n" -v ok="$ok" -v err="$errors" -v rps="$rps" -v p50="$p50" -v p99="$p99" \
        -v a2s="$a2s" -v all="$all" -v http="$http" -v prod="$prod" -v pg="$pg" -v tick="$tick_ms" \
        -v wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" -v load="$load_before" \
        -v idle="$idle_rate" -v idle_pg="$idle_pg_rate" 'BEGIN {
        split(a2s, a, " ")
        net = all + pg - (idle + idle_pg) * wall
        printf "%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f\t%.2f\t%s\n", t, n, ok, err, rps,
            p50, p99, a[1], a[2], http * tick / ok, (http + prod) * tick / ok, all * tick / ok, (all + pg) * tick / ok,
            net * tick / ok, (all + pg) * tick / wall / 1000, load }'
}

# what the processes spend with no load (the broker's and consumers' polls, timers), per second
idle_seconds=10
idle_stack=$(proc_ticks "$stack_pid"); idle_echo=$(proc_ticks "$echo_pid"); idle_pg=$(pg_ticks)
sleep $idle_seconds
idle_stack=$(awk -v a="$idle_stack" -v b="$(proc_ticks "$stack_pid")" -v s=$idle_seconds 'BEGIN { print (b - a) / s }')
idle_echo=$(awk -v a="$idle_echo" -v b="$(proc_ticks "$echo_pid")" -v s=$idle_seconds 'BEGIN { print (b - a) / s }')
idle_pg=$(awk -v a="$idle_pg" -v b="$(pg_ticks)" -v s=$idle_seconds 'BEGIN { print (b - a) / s }')
echo "idle CPU ticks a second: stack JVM $idle_stack, PostgreSQL $idle_pg, echo JVM $idle_echo" >&2

header="target\tround\tok\tnon2xx\treq/s\tp50ms\tp99ms\ta2s_p50ms\ta2s_p99ms\thttp_cpu_ms\thttp+producer_cpu_ms\tjvm_cpu_ms\tjvm+pg_cpu_ms\tabove_idle_cpu_ms\tcores_busy\tload1"
echo "warming up: ${WARMUP_SECONDS} s each" >&2
run_wrk "$ECHO" "$WARMUP_SECONDS" "$work/warm-echo.txt"
run_wrk "$GATEWAY" "$WARMUP_SECONDS" "$work/warm-send.txt"
wait_writer_idle
{
    echo "# $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(java -version 2>&1 | head -1)"
    echo "# rounds $ROUNDS x ${SECONDS_PER_ROUND} s, $CONNECTIONS connections, rate $RATE (0: unpaced), $USERS users;" \
        "CPU columns are CPU-ms per 2xx answer"
    echo "# rounds from $(date +%T) (jfr-top.sh's FROM)"
    echo -e "$header"
} | tee "$work/results.tsv"
for n in $(seq 1 "$ROUNDS"); do
    round echo "$n" | tee -a "$work/results.tsv"
    round send "$n" | tee -a "$work/results.tsv"
done
echo "# medians"
for target in echo send; do
    awk -F'\t' -v t="$target" '$1 == t' "$work/results.tsv" | awk -F'\t' -v t="$target" '
        { for (i = 3; i <= NF; i++) v[i, NR] = $i; n = NR; nf = NF }
        END {
            line = t "\tmedian"
            for (i = 3; i <= nf; i++) {
                m = 0; for (j = 1; j <= n; j++) s[j] = v[i, j]
                for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (s[b] + 0 < s[a] + 0) { x = s[a]; s[a] = s[b]; s[b] = x }
                line = line "\t" s[int((n + 1) / 2)]
            }
            print line }'
done | tee -a "$work/results.tsv"
cp "$work/results.tsv" "${RESULTS:-/dev/null}" 2>/dev/null || true
