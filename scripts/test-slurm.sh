#!/usr/bin/env bash
# make test-slurm: tda batch on a real Slurm cluster of one machine.
#
# Installs Debian's slurm-wlm and munge when missing (apt-get, as root or
# through sudo), starts munged, slurmctld and slurmd on this machine with a
# generated localhost-only slurm.conf in a temporary folder, submits an
# `sbatch --array=0-2` job running `tda batch --shard auto --collect` over 60
# generated clouds (one malformed), waits with a bounded timeout, merges the
# three parts with `tda batch merge`, and checks the result byte-identical to
# a one-machine batch. Every daemon it started is stopped by its pid.
#
# It skips (exit 0, one clear line) when it cannot run a cluster here: no
# apt-get, no root, packages that do not install, daemons that do not start.
# It fails (exit 1) only when the cluster ran and the results are wrong.
set -uo pipefail
cd "$(dirname "$0")/.."

skip() { echo "test-slurm: SKIPPED: $*" >&2; exit 0; }
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }
say() { echo "test-slurm: $*" >&2; }

# --- packages -------------------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
    skip "slurmd runs as root on a one-machine cluster, and this is user $(id -un)"
fi
if ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v sbatch >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || skip "slurm-wlm and munge are not installed and there is no apt-get"
    say "installing slurm-wlm and munge with apt-get"
    if ! timeout 600 apt-get update -qq >/dev/null 2>&1 \
        || ! DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1; then
        skip "apt-get could not install slurm-wlm and munge (offline, or the dpkg lock is held)"
    fi
fi
for c in slurmctld slurmd sbatch squeue sinfo munged; do
    command -v "$c" >/dev/null 2>&1 || skip "$c is missing after installing slurm-wlm and munge"
done

# --- tda ------------------------------------------------------------------
swift build --product tda >/dev/null 2>&1 || fail "swift build --product tda failed"
tda="$(swift build --show-bin-path)/tda"
[ -x "$tda" ] || fail "$tda was not built"

# --- a private cluster ----------------------------------------------------
work="$(mktemp -d /tmp/tda-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
    for f in "$work"/slurmd.pid "$work"/slurmctld.pid "$work"/munged.pid; do
        [ -s "$f" ] || continue
        pid="$(cat "$f")"
        # Only a process of ours: the pid file is in our folder.
        kill "$pid" 2>/dev/null || true
    done
    for f in "$work"/slurmd.pid "$work"/slurmctld.pid "$work"/munged.pid; do
        [ -s "$f" ] || continue
        pid="$(cat "$f")"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

host="$(hostname -s)"
cpus="$(nproc)"
mem_mib=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
# Ports of our own, away from Slurm's defaults and from other runs.
base=$(( 17000 + ($$ % 1000) * 2 ))
mkdir -p "$work/state" "$work/spool" "$work/munge"
chown munge:munge "$work/munge" 2>/dev/null || true
chmod 700 "$work/munge"

key=/etc/munge/munge.key
if [ ! -s "$key" ]; then
    key="$work/munge.key"
    dd if=/dev/urandom of="$key" bs=1024 count=1 2>/dev/null
    chown munge:munge "$key" 2>/dev/null || true
    chmod 400 "$key"
fi
socket="$work/munge/munge.socket"
munged --force --socket="$socket" --key-file="$key" --pid-file="$work/munged.pid" \
    --log-file="$work/munged.log" --seed-file="$work/munged.seed" >/dev/null 2>&1 \
    || skip "munged did not start: $(tail -1 "$work/munged.log" 2>/dev/null)"

cat > "$work/slurm.conf" <<EOF
ClusterName=tdatest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SlurmctldPort=$base
SlurmdPort=$(( base + 1 ))
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SlurmctldTimeout=30
SlurmdTimeout=30
MaxArraySize=100
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mib State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=10 State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld >/dev/null 2>&1 || skip "slurmctld did not start: $(tail -1 "$work/slurmctld.log" 2>/dev/null)"
slurmd >/dev/null 2>&1 || skip "slurmd did not start: $(tail -1 "$work/slurmd.log" 2>/dev/null)"
idle=""
for _ in $(seq 60); do
    state="$(timeout 5 sinfo -h -N -o '%T' 2>/dev/null | head -1)"
    case "$state" in idle*|mix*) idle=1; break ;; esac
    sleep 1
done
[ -n "$idle" ] || skip "the node did not become idle in 60 s (state '${state:-none}'): $(tail -1 "$work/slurmctld.log" 2>/dev/null)"
say "cluster up: node $host, $cpus CPUs, ports $base/$(( base + 1 ))"

# --- the data and the job -------------------------------------------------
data="$work/data"
mkdir -p "$data"
: > "$work/inputs.txt"; : > "$work/labels.txt"
shapes=(circle figure-eight torus)
for k in $(seq 0 59); do
    shape="${shapes[$(( k % 3 ))]}"
    if [ "$k" -eq 17 ]; then
        printf '0.1,0.2\n0.3\n' > "$data/cloud$k.csv"      # malformed: a ragged row
    else
        "$tda" generate "$shape" --count 40 --noise 0.05 --seed "$k" > "$data/cloud$k.csv" || fail "tda generate failed"
    fi
    echo "$data/cloud$k.csv" >> "$work/inputs.txt"
    echo "$shape" >> "$work/labels.txt"
done
pipeline='barcode --max-dim 1 | vectorize --method landscape --num-landscapes 3 --resolution 20 --sample-range 0,2'
cat > "$work/job.sh" <<EOF
#!/bin/bash
#SBATCH --array=0-2
#SBATCH --cpus-per-task=1
#SBATCH --time=5
#SBATCH --output=$work/job-%a.out
"$tda" batch --input-list "$work/inputs.txt" --labels "$work/labels.txt" \\
  --shard auto --jobs 1 --collect "$work/parts/features-\${SLURM_ARRAY_TASK_ID}.npy" \\
  --pipeline '$pipeline'
EOF
mkdir -p "$work/parts"
job="$(timeout 30 sbatch --parsable "$work/job.sh" 2>"$work/sbatch.err")" \
    || skip "sbatch refused the job: $(tail -1 "$work/sbatch.err")"
job="${job%%;*}"
say "submitted array job $job (3 tasks over 60 inputs)"
done_tasks=""
for _ in $(seq 300); do
    if [ -z "$(timeout 5 squeue -h -j "$job" 2>/dev/null)" ]; then done_tasks=1; break; fi
    sleep 1
done
[ -n "$done_tasks" ] || fail "array job $job still queued or running after 300 s: $(timeout 5 squeue -h -j "$job" 2>/dev/null | head -3)"
for i in 0 1 2; do
    [ -s "$work/parts/features-$i.npy" ] || fail "task $i wrote no part: $(tail -3 "$work/job-$i.out" 2>/dev/null)"
    grep -q "shard $i/3" "$work/parts/features-$i.npy.index.csv" || fail "task $i's index has no 'shard $i/3' line"
done
grep -q "failed $data/cloud17.csv" "$work/job-2.out" || fail "task 2 did not report the malformed input: $(tail -2 "$work/job-2.out")"

# --- merged parts == one machine -----------------------------------------
"$tda" batch merge "$work"/parts/features-2.npy "$work"/parts/features-0.npy "$work"/parts/features-1.npy \
    --out "$work/merged.npy" 2>"$work/merge.err" || fail "tda batch merge: $(cat "$work/merge.err")"
"$tda" batch --input-list "$work/inputs.txt" --labels "$work/labels.txt" --jobs 2 \
    --collect "$work/one.npy" --pipeline "$pipeline" 2>"$work/one.err"
[ "$?" -eq 1 ] || fail "the one-machine batch should exit 1 (one malformed input): $(tail -2 "$work/one.err")"
cmp -s "$work/merged.npy" "$work/one.npy" || fail "the merged matrix differs from the one-machine one"
cmp -s "$work/merged.npy.index.csv" "$work/one.npy.index.csv" || fail "the merged index differs from the one-machine one"
rows="$(grep -c ',ok,' "$work/one.npy.index.csv")"
[ "$rows" -eq 59 ] || fail "expected 59 rows, the index lists $rows"
grep -q "^,$data/cloud17.csv,failed,torus$" "$work/one.npy.index.csv" || fail "the malformed input is not listed as failed"
say "PASSED: 3 Slurm array tasks, merged parts byte-identical to one machine (59 rows, 1 failed input)"
