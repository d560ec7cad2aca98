#!/usr/bin/env bash
# Generates the PKI and every attack file, then records what pyHanko, pdfsig and
# qpdf say about each (one JSON per file under WORKDIR/verdicts) and prints a
# Markdown table (the one in README.md).
#
# usage: tools/attacks/run_all.sh [WORKDIR]   (default /tmp/atk; run from the repo root)
# pdfsig trusts root.pem through a throw-away NSS database when certutil
# (Debian: libnss3-tools) is installed; without it pdfsig reports "issuer unknown".
set -euo pipefail
cd "$(dirname "$0")/../.."
W=${1:-/tmp/atk}
PY=target/pyhanko/bin/python
rm -rf "$W/pki" "$W/out" "$W/verdicts" "$W/nss"
start=$(date +%s.%N)
bash tools/attacks/forge_chain.sh "$W/pki" >/dev/null
"$PY" tools/attacks/make_attacks.py "$W/out" "$W/pki" >"$W/made.txt"
end=$(date +%s.%N)
echo "generation took $(python3 -c "print(round($end - $start, 1))") s" >&2
mkdir -p "$W/verdicts"
nss=()
if command -v certutil >/dev/null 2>&1; then
  mkdir -p "$W/nss"
  certutil -N -d "sql:$W/nss" --empty-password
  certutil -A -d "sql:$W/nss" -n root -t "C,C,C" -i "$W/pki/root.pem"
  nss=(-nssdir "sql:$W/nss")
fi
echo "| file | pyHanko bottom line | pyHanko summary per signature | pdfsig (root trusted) | qpdf --check |"
echo "|---|---|---|---|---|"
for f in "$W"/out/*.pdf; do
  n=$(basename "$f" .pdf)
  "$PY" tools/attacks/validate.py "$f" --trust "$W/pki/root.pem" >"$W/verdicts/$n.json"
  pdfsig "${nss[@]}" "$f" >"$W/verdicts/$n.pdfsig.txt" 2>&1 || true
  if qpdf --check "$f" >"$W/verdicts/$n.qpdf.txt" 2>&1; then q=clean; else q="rc=$?"; fi
  ps=$(grep -E "Signature Validation|Certificate Validation|not signed" "$W/verdicts/$n.pdfsig.txt" \
        | sed -E 's/^ *- //; s/Signature Validation: //; s/Certificate Validation: //' | paste -sd' ' - || true)
  "$PY" - "$W/verdicts/$n.json" "$n" "$ps" "$q" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
sigs = d["signatures"]
bl = "ERROR" if d["error"] and not sigs else " / ".join("VALID" if s["bottom_line"] else "INVALID" for s in sigs)
def one(s):
    txt = f'{s["field"]}: {s["summary"] or ""}'
    if s["error"]:
        txt += " — " + s["error"].split("\n")[0][:160]
    return txt
summ = "<br>".join(one(s) for s in sigs) or (d["error"] or "")
print(f"| {sys.argv[2]}.pdf | {bl} | {summ.replace('|', '/')} | {sys.argv[3]} | {sys.argv[4]} |")
PYEOF
done
