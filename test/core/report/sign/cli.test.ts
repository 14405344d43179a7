import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../../core/cli/main.js';
import { flipByte, makeReport, readEnv } from './helpers.js';

async function run(argv: string[], cwd: string, env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    signal: new AbortController().signal,
    cwd,
    env,
  });
  return { code, out, err };
}

test('CLI: keygen, sign, countersign, verify end to end; failures exit non-zero naming the file or signature', async () => {
  const { root, artefacts } = makeReport();
  const env = { SB_PASS_A: 'alice pass', SB_PASS_B: 'bob pass' };

  let r = await run(['keygen', '--out', 'keys', '--name', 'alice', '--passphrase-env', 'SB_PASS_A'], root, env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /alice\.private\.pem \(encrypted\)[\s\S]*keyid: +[0-9a-f]{64}/);
  r = await run(['keygen', '--out', 'keys', '--name', 'bob', '--algorithm', 'ecdsa-p256', '--passphrase-env', 'SB_PASS_B'], root, env);
  assert.equal(r.code, 0, r.err);
  r = await run(['keygen', '--out', 'keys', '--name', 'bob'], root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /\[BAD_ARGUMENT\].*bob\.private\.pem already exists/);
  r = await run(['keygen', '--out', 'keys', '--name', 'x', '--algorithm', 'rsa'], root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /--algorithm rsa is not supported/);

  const signA = ['sign', 'report', '--key', 'keys/alice.private.pem', '--passphrase-env', 'SB_PASS_A', '--signer', 'Alice Smith', '--role', 'Model validator', '--meaning', 'validated'];
  r = await run(signA.map((a) => (a === 'SB_PASS_A' ? 'NOPE' : a)), root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /environment variable NOPE is not set/);
  r = await run(['sign', 'report', '--key', 'keys/alice.private.pem', '--passphrase-env', 'SB_PASS_B', '--signer', 'A', '--role', 'R', '--meaning', 'validated'], root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /\[BAD_KEY\].*alice\.private\.pem: wrong passphrase/);
  r = await run(signA.filter((a, i) => a !== '--meaning' && signA[i - 1] !== '--meaning'), root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /--meaning is required/);

  r = await run(signA, root, env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^signed .*report\.dsse\.json\n {2}Alice Smith \(Model validator\) — validated — \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
  r = await run(['sign', 'report', '--key', 'keys/bob.private.pem', '--passphrase-env', 'SB_PASS_B', '--signer', 'Bob Jones', '--role', 'Head of model risk', '--meaning', 'approved'], root, env);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^countersigned[\s\S]*signatures in the envelope: 2/);
  assert.equal(readEnv(join(root, 'report')).signatures.length, 2);

  const verify = ['verify', 'report', '--key', 'keys/alice.public.pem', '--key', 'keys/bob.public.pem'];
  r = await run(verify, root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /OK +1 +Alice Smith +Model validator +validated/);
  assert.match(r.out, /OK +2 +Bob Jones +Head of model risk +approved/);
  assert.match(r.out, /OK +report +report\.pdf/);
  assert.match(r.out, /-- +model +cand\.onnx .*not checked/);
  assert.match(r.out, /VERIFIED: 2 signature\(s\), 4 file\(s\) checked, 3 not checked/);
  r = await run([...verify, '--artefacts', artefacts], root);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /VERIFIED: 2 signature\(s\), 6 file\(s\) checked, 1 not checked/);

  r = await run(['verify', 'report', '--key', 'keys/alice.public.pem'], root);
  assert.equal(r.code, 1);
  assert.match(r.out, /FAIL +2 +Bob Jones/);
  assert.match(r.err, /VERIFICATION FAILED[\s\S]*signature 2 \(Bob Jones, approved\): unverified/);

  r = await run(['verify', 'report'], root);
  assert.equal(r.code, 1);
  assert.match(r.err, /--key is required/);

  flipByte(join(root, 'report', 'report.html'));
  r = await run(verify, root);
  assert.equal(r.code, 1);
  assert.match(r.out, /FAIL +report +report\.html/);
  assert.match(r.err, /report\.html changed after signing/);
  r = await run(['sign', 'report', '--key', 'keys/bob.private.pem', '--passphrase-env', 'SB_PASS_B', '--signer', 'Bob Jones', '--role', 'R', '--meaning', 'reviewed'], root, env);
  assert.equal(r.code, 1);
  assert.match(r.err, /\[DIGEST_MISMATCH\]: refusing to countersign .*report\.html changed after signing/);
});

test('CLI: help for keygen, sign and verify has flags and an example', async () => {
  for (const name of ['keygen', 'sign', 'verify']) {
    const r = await run([name, '--help'], process.cwd());
    assert.equal(r.code, 0);
    assert.match(r.out, new RegExp(`^shadowbench ${name}`));
    assert.match(r.out, /Flags:/);
    assert.match(r.out, /Examples:\n {2}.*shadowbench /);
  }
  const top = await run(['--help'], process.cwd());
  assert.match(top.out, /keygen[\s\S]*sign[\s\S]*verify/);
});
