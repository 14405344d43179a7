#!/usr/bin/env bash
# Verify a signed shadowbench report folder with openssl alone (plus base64, sha256sum and jq).
# No node, no python: this is the recipe of openssl.md, runnable.
#
# Usage: verify-with-openssl.sh [-a ARTEFACTS_DIR] REPORT_DIR PUBKEY.pem [PUBKEY.pem ...]
# Exit status: 0 verified, 1 verification failed, 2 usage error / missing tool.
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: $0 [-a ARTEFACTS_DIR] REPORT_DIR PUBKEY.pem [PUBKEY.pem ...]" >&2; exit 2; }
ART=""
while getopts "a:h" opt; do
  case "$opt" in a) ART="$OPTARG" ;; *) usage ;; esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || usage
DIR="$1"; shift
for tool in openssl base64 sha256sum jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "verify-with-openssl: $tool is not installed (Debian: apt-get install -y $tool)" >&2; exit 2; }
done

ENV="$DIR/report.dsse.json"
[ -f "$ENV" ] || { echo "FAIL: $ENV not found: the report is not signed" >&2; exit 1; }
PAYLOAD_TYPE="application/vnd.in-toto+json"
SIGNOFF_TYPE="application/vnd.shadowbench.signoff+json"
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
ok() { echo "OK:   $*"; }

# PAE(type, file) -> stdout: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
pae() { printf 'DSSEv1 %d %s %d ' "${#1}" "$1" "$(wc -c < "$2")"; cat "$2"; }

# strict base64 decode: $1 text, $2 output file; fails when re-encoding does not give the same text
b64() { printf '%s' "$1" | base64 -d > "$2" 2>/dev/null && [ "$(base64 -w0 < "$2")" = "$1" ]; }

# verify_sig KEYFILE ALG DATAFILE SIGFILE
verify_sig() {
  if [ "$2" = ed25519 ]; then
    openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in "$3" -sigfile "$4" >/dev/null 2>&1
  else
    openssl dgst -sha256 -verify "$1" -signature "$4" "$3" >/dev/null 2>&1
  fi
}

# --- the envelope and its payload (the in-toto Statement) ---
jq -e . "$ENV" >/dev/null 2>&1 || { echo "FAIL: $ENV is not valid JSON" >&2; exit 1; }
[ "$(jq -r .payloadType "$ENV")" = "$PAYLOAD_TYPE" ] || { echo "FAIL: $ENV: payloadType is not $PAYLOAD_TYPE (the envelope was changed)"; exit 1; }
b64 "$(jq -r .payload "$ENV")" "$W/payload.bin" || { echo "FAIL: $ENV: the payload is not valid base64 (the envelope's payload was changed)"; exit 1; }
jq -e . "$W/payload.bin" >/dev/null 2>&1 || { echo "FAIL: $ENV: the payload is not JSON (the envelope's payload was changed)"; exit 1; }
STATEMENT_SHA="$(sha256sum < "$W/payload.bin" | cut -c1-64)"
pae "$PAYLOAD_TYPE" "$W/payload.bin" > "$W/pae.bin"

# --- the public keys: keyid = sha256 of the SPKI DER ---
declare -A KEYFILE KEYALG USED
for k in "$@"; do
  der="$W/key.der"
  openssl pkey -pubin -in "$k" -outform DER -out "$der" 2>/dev/null || { echo "verify-with-openssl: $k is not a PEM public key" >&2; exit 2; }
  id="$(sha256sum < "$der" | cut -c1-64)"
  KEYFILE[$id]="$k"
  if openssl pkey -pubin -in "$k" -noout -text 2>/dev/null | head -1 | grep -qi ed25519; then KEYALG[$id]=ed25519; else KEYALG[$id]=ecdsa; fi
done

# --- every signature: the DSSE sig over PAE(payloadType, payload), and the sign-off sig ---
N="$(jq '.signatures | length' "$ENV")"
[ "$N" -gt 0 ] || fail "$ENV holds no signatures"
for ((i = 0; i < N; i++)); do
  id="$(jq -r ".signatures[$i].keyid" "$ENV")"
  who="signature $((i + 1)) ($(jq -r ".signatures[$i].signoff | \"\(.name), \(.role), \(.meaning), \(.time)\"" "$ENV"))"
  if [ -z "${KEYFILE[$id]:-}" ]; then fail "$who: unverified, its key (keyid $id) was not given"; continue; fi
  USED[$id]=1
  key="${KEYFILE[$id]}"; alg="${KEYALG[$id]}"
  if ! b64 "$(jq -r ".signatures[$i].sig" "$ENV")" "$W/sig.bin" || ! verify_sig "$key" "$alg" "$W/pae.bin" "$W/sig.bin"; then
    fail "$who: the DSSE signature does not verify with $key (payload or sig changed)"; continue
  fi
  if [ "$(jq -r ".signatures[$i].signoff.statementSha256" "$ENV")" != "$STATEMENT_SHA" ]; then
    fail "$who: its sign-off names a different statement"; continue
  fi
  # canonical JSON of the sign-off: sorted keys, no whitespace, no trailing newline
  jq -jcS ".signatures[$i].signoff" "$ENV" > "$W/signoff.json"
  pae "$SIGNOFF_TYPE" "$W/signoff.json" > "$W/signoff-pae.bin"
  if ! b64 "$(jq -r ".signatures[$i].signoffSig" "$ENV")" "$W/signoff-sig.bin" || ! verify_sig "$key" "$alg" "$W/signoff-pae.bin" "$W/signoff-sig.bin"; then
    fail "$who: the sign-off record (name, role, meaning, time) or signoffSig was changed"; continue
  fi
  ok "$who, key $key"
done
for id in "${!KEYFILE[@]}"; do
  [ -n "${USED[$id]:-}" ] || fail "no signature was made with ${KEYFILE[$id]} (keyid $id)"
done

# --- every subject: sha256sum the files ---
COVERED=" "
while IFS=$'\t' read -r name digest kind path; do
  file=""
  if [ "$kind" = report ]; then
    case "$name" in report.json|report.html|report.pdf) ;; *) fail "subject \"$name\" is not a report file name"; continue ;; esac
    COVERED="$COVERED$name "
    file="$DIR/$name"
    [ -f "$file" ] || { fail "$name is missing from the report folder"; continue; }
  else
    # the recorded path (absolute, or relative to the report folder or the current folder), then ARTEFACTS_DIR/<name>
    cands=()
    if [ -n "$path" ]; then case "$path" in /*) cands+=("$path") ;; *) cands+=("$DIR/$path" "$path") ;; esac; fi
    if [ -n "$ART" ]; then cands+=("$ART/$(basename "$name")"); [ -z "$path" ] || cands+=("$ART/$(basename "$path")"); fi
    for c in "${cands[@]}"; do
      if [ -f "$c" ]; then file="$c"; break; fi
    done
    [ -n "$file" ] || { echo "--    $kind $name: not checked (file not found${path:+ at $path})"; continue; }
  fi
  got="$(sha256sum < "$file" | cut -c1-64)"
  if [ "$got" = "$digest" ]; then ok "$kind $name ($file) sha256 $got"; else fail "$kind $name ($file) changed after signing: sha256 $got, signed $digest"; fi
done < <(jq -r '.subject[] | [.name, .digest.sha256, (.annotations.kind // "report"), (.annotations.path // "")] | @tsv' "$W/payload.bin")
for f in report.json report.html report.pdf; do
  case "$COVERED" in *" $f "*) ;; *) [ ! -f "$DIR/$f" ] || fail "$f is in the report folder but not covered by the signed statement" ;; esac
done

if [ "$FAILS" -gt 0 ]; then echo "VERIFICATION FAILED ($FAILS problem(s))"; exit 1; fi
echo "VERIFIED"
