import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signReport } from '../../../../core/report/sign/signReport.js';
import { flipBase64, flipByte, makeKey, makeReport, readEnv, tempDir, writeEnv } from './helpers.js';

const SCRIPT = fileURLToPath(new URL('../../../../core/report/sign/verify-with-openssl.sh', import.meta.url));
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const missing = [
  ['bash', ['--version']],
  ['openssl', ['version']],
  ['jq', ['--version']],
  ['base64', ['--version']],
  ['sha256sum', ['--version']],
].filter(([c, a]) => !has(c as string, a as string[])).map(([c]) => c);
const version = missing.includes('openssl') ? '' : spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout;
const tooOld = version && !/OpenSSL [3-9]\./.test(version);
const skip = missing.length
  ? `verify-with-openssl.sh needs ${missing.join(', ')} (Debian: apt-get install -y ${missing.join(' ')}); not installed here`
  : tooOld
    ? `verify-with-openssl.sh needs OpenSSL 3 for Ed25519 (pkeyutl -rawin); found ${version.trim()}`
    : false;

function script(dir: string, keys: string[], artefacts?: string) {
  const args = [SCRIPT, ...(artefacts ? ['-a', artefacts] : []), dir, ...keys];
  const r = spawnSync('bash', args, { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
  return { code: r.status, out: r.stdout + r.stderr };
}

for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
  test(`verify-with-openssl.sh (openssl alone) accepts a report signed with ${algorithm} and refuses any changed byte`, { skip }, async () => {
    const { root, dir, artefacts } = makeReport();
    const a = makeKey(root, 'alice', algorithm, 'pw');
    await signReport(dir, { keyPath: a.privateKeyPath, passphrase: 'pw', signer: 'Alice Smith', role: 'Validator', meaning: 'validated' });
    let r = script(dir, [a.publicKeyPath], artefacts);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /OK: +signature 1 \(Alice Smith, Validator, validated, /);
    assert.match(r.out, /OK: +model cand\.onnx/);
    assert.match(r.out, /-- +dataset holdout\.parquet: not checked/);
    assert.match(r.out, /VERIFIED$/m);

    const copy = () => {
      const d = join(tempDir('sb-ossl-'), 'report');
      cpSync(dir, d, { recursive: true });
      return d;
    };
    const cases: [string, (d: string) => void, RegExp][] = [
      ['report.json byte', (d) => flipByte(join(d, 'report.json')), /FAIL: report report\.json .*changed after signing/],
      ['report.html byte', (d) => flipByte(join(d, 'report.html')), /FAIL: report report\.html .*changed after signing/],
      ['report.pdf byte', (d) => flipByte(join(d, 'report.pdf')), /FAIL: report report\.pdf .*changed after signing/],
      ['payload', (d) => { const e = readEnv(d); e.payload = flipBase64(e.payload); writeEnv(d, e); }, /FAIL: .*payload/],
      ['sig', (d) => { const e = readEnv(d); e.signatures[0].sig = flipBase64(e.signatures[0].sig); writeEnv(d, e); }, /FAIL: signature 1 .*DSSE signature does not verify/],
      ['signoff name', (d) => { const e = readEnv(d); e.signatures[0].signoff.name = 'Alice Smyth'; writeEnv(d, e); }, /FAIL: signature 1 \(Alice Smyth.*sign-off record/],
      ['signoffSig', (d) => { const e = readEnv(d); e.signatures[0].signoffSig = flipBase64(e.signatures[0].signoffSig); writeEnv(d, e); }, /FAIL: signature 1 .*signoffSig was changed/],
    ];
    for (const [label, tamper, expected] of cases) {
      const d = copy();
      tamper(d);
      r = script(d, [a.publicKeyPath], artefacts);
      assert.equal(r.code, 1, `${label}: ${r.out}`);
      assert.match(r.out, expected, label);
    }
    const d = copy();
    flipByte(join(artefacts, 'cand.onnx'));
    r = script(d, [a.publicKeyPath], artefacts);
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /FAIL: model cand\.onnx .*changed after signing/);
  });
}

test('verify-with-openssl.sh checks a countersigned envelope (Ed25519 + ECDSA) and needs every signer key', { skip }, async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  const b = makeKey(root, 'bob', 'ecdsa-p256', 'pb');
  await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice Smith', role: 'Validator', meaning: 'validated' });
  // non-ASCII sign-off text: jq -jcS must produce the same canonical bytes as canonicalJson
  await signReport(dir, { keyPath: b.privateKeyPath, passphrase: 'pb', signer: 'Björn "BJ" Łukasz 李', role: 'Approver/Head of MRM', meaning: 'approved' });
  let r = script(dir, [a.publicKeyPath, b.publicKeyPath]);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /OK: +signature 2 \(Björn "BJ" Łukasz 李, Approver\/Head of MRM, approved/);
  r = script(dir, [a.publicKeyPath]);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, /FAIL: signature 2 \(Björn.*unverified/);
});
