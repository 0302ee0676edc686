#!/usr/bin/env bash
# scripts/ci-repeat.sh N: clone main into a temporary folder and run .ci/run there N times in a row,
# as CI does on a clean clone; print pass/fail and the duration of each run, and exit non-zero if
# any failed. Logs stay in the folder it prints.
set -uo pipefail
runs=${1:?usage: scripts/ci-repeat.sh N}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=$(mktemp -d -t cca-ci-repeat-XXXXXX)
# mktemp makes it private (0700); a CI checkout is readable by other users, which the tests that
# drop privileges (user "nobody" reading the checkout) rely on to run rather than skip.
chmod 755 "$work"
git clone -q --branch main "$repo" "$work/clone"
echo "ci-repeat: $runs run(s) of .ci/run on a clone of main ($(git -C "$work/clone" rev-parse --short HEAD)); logs in $work"
failed=0
for i in $(seq 1 "$runs"); do
  # Each run starts as CI does: no dist/, no node_modules, no test output from the run before.
  git -C "$work/clone" clean -qfdx
  start=$SECONDS
  if (cd "$work/clone" && bash .ci/run) >"$work/run-$i.log" 2>&1; then verdict=pass; else verdict=FAIL; failed=$((failed + 1)); fi
  echo "run $i: $verdict in $((SECONDS - start)) s ($work/run-$i.log)"
  [ "$verdict" = FAIL ] && grep -E "FAIL|✗|Error|!!" "$work/run-$i.log" | head -20 | sed 's/^/    /'
done
echo "ci-repeat: $((runs - failed)) of $runs passed"
[ "$failed" -eq 0 ]
