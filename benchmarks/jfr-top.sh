#!/usr/bin/env bash
# The top CPU consumers of a JFR recording (docs/benchmarks.md): execution samples grouped by thread (digits
# folded, so a pool counts as one), by the topmost frame of this project's or a library's code that runs in the
# sample, and by top frame; only the samples from FROM to TO (HH:MM:SS, the recording's clock: send-cost.sh
# prints when its rounds start), so that start-up and registering users stay out.
#   benchmarks/jfr-top.sh stack.jfr [top-N] [FROM] [TO]
set -euo pipefail
file=$1
top=${2:-25}
from=${3:-00:00:00}
to=${4:-99:99:99}
jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" | awk -v top="$top" -v from="$from" -v to="$to" '
    function flush() {
        if (thread == "" || at < from || at >= to) { thread = ""; depth = 0; return }
        samples++; by_thread[thread]++; by_frame[first]++
        stage = "other"
        # the first (innermost) frame that names a stage decides, so a broker thread calling into a codec counts
        # for the codec, and anything below a stage frame counts for the stage
        for (i = 1; i <= depth && stage == "other"; i++) {
            f = frames[i]
            if (f ~ /^org\.dialogs\.gateway/) stage = "gateway code (org.dialogs.gateway)"
            else if (f ~ /^org\.dialogs\.writer/) stage = "writer code (org.dialogs.writer)"
            else if (f ~ /^org\.dialogs\.detector|^org\.dialogs\.spam/) stage = "detector code"
            else if (f ~ /^org\.dialogs\.schemas/) stage = "schemas (Avro serde, rules)"
            else if (f ~ /^org\.apache\.avro/) stage = "Avro"
            else if (f ~ /^tools\.jackson|^com\.fasterxml\.jackson/) stage = "Jackson"
            else if (f ~ /^org\.postgresql/) stage = "PostgreSQL JDBC driver"
            else if (f ~ /^com\.zaxxer\.hikari/) stage = "HikariCP"
            else if (f ~ /^javax\.crypto|^com\.sun\.crypto|^sun\.security/) stage = "JCE (HMAC, SecureRandom)"
            else if (f ~ /^io\.micrometer/) stage = "Micrometer"
            else if (f ~ /^kafka\.|^org\.apache\.kafka\.(server|storage|raft|controller|metadata|coordinator|network)/) stage = "Kafka broker"
            else if (f ~ /^org\.apache\.kafka\.clients\.producer/) stage = "Kafka producer"
            else if (f ~ /^org\.apache\.kafka\.clients\.consumer/) stage = "Kafka consumer"
            else if (f ~ /^org\.springframework\.kafka/) stage = "spring-kafka"
            else if (f ~ /^org\.springframework\.(web|http)/) stage = "Spring MVC"
            else if (f ~ /^org\.springframework/) stage = "Spring (other)"
            else if (f ~ /^org\.apache\.(catalina|coyote|tomcat)/) stage = "Tomcat"
        }
        by_stage[stage]++
        thread = ""; depth = 0
    }
    /^jdk\.ExecutionSample/ { flush(); in_stack = 0; next }
    /startTime = / { at = $3; next }
    /sampledThread = / {
        t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t); gsub(/[0-9]+/, "N", t); thread = t; next
    }
    /stackTrace = \[/ { in_stack = 1; next }
    in_stack && /^[ \t]*\]/ { in_stack = 0; next }
    in_stack {
        f = $0; sub(/^[ \t]+/, "", f); sub(/[ \t]+line:.*/, "", f)
        if (f == "...") next
        depth++; frames[depth] = f
        if (depth == 1) first = f
        next
    }
    END {
        flush()
        printf "%d execution samples\n", samples
        print "\n## by thread"
        for (k in by_thread) printf "%6.1f %%  %s\n", 100 * by_thread[k] / samples, k | "sort -rn | head -" top
        close("sort -rn | head -" top)
        print "\n## by stage (innermost frame of a known package)"
        for (k in by_stage) printf "%6.1f %%  %s\n", 100 * by_stage[k] / samples, k | "sort -rn"
        close("sort -rn")
        print "\n## by top frame"
        for (k in by_frame) printf "%6.1f %%  %s\n", 100 * by_frame[k] / samples, k | "sort -rn | head -" top
        close("sort -rn | head -" top)
    }'
