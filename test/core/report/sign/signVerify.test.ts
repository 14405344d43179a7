import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pae } from '../../../../core/report/sign/pae.js';
import { strictBase64 } from '../../../../core/report/sign/envelope.js';
import { canonicalJson } from '../../../../core/report/sign/canonicalJson.js';
import { signReport } from '../../../../core/report/sign/signReport.js';
import { verifyReport } from '../../../../core/report/sign/verifyReport.js';
import { PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE } from '../../../../core/report/sign/constants.js';
import { flipByte, makeKey, makeReport, readEnv, sha } from './helpers.js';

const T1 = new Date('2025-03-01T09:30:00.123Z');
const T2 = new Date('2025-03-02T14:00:00Z');

test('PAE matches the DSSE spec example', () => {
  assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  assert.equal(pae('t', Buffer.from('é')).toString(), 'DSSEv1 1 t 2 é', 'lengths are byte counts');
});

test('canonicalJson sorts keys and has no whitespace', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 'x', c: [1, 'é'] } }), '{"a":{"c":[1,"é"],"d":"x"},"b":1}');
});

for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
  test(`${algorithm}: sign creates an in-toto envelope that verifies`, async () => {
    const { root, dir, artefacts } = makeReport();
    const k = makeKey(root, 'alice', algorithm, 'pw');
    const r = await signReport(dir, { keyPath: k.privateKeyPath, passphrase: 'pw', signer: 'Alice Smith', role: 'Model validator', meaning: 'validated', now: T1 });
    assert.equal(r.created, true);
    assert.equal(r.keyid, k.keyid);
    assert.equal(r.signoff.time, '2025-03-01T09:30:00Z');
    const env = readEnv(dir);
    assert.equal(env.payloadType, PAYLOAD_TYPE);
    const st = JSON.parse(Buffer.from(env.payload, 'base64').toString());
    assert.equal(st._type, STATEMENT_TYPE);
    assert.equal(st.predicateType, PREDICATE_TYPE);
    assert.deepEqual(st.subject.map((s: any) => s.name), ['report.json', 'report.html', 'report.pdf', 'prod.onnx', 'cand.onnx', 'traffic.csv', 'holdout.parquet']);
    assert.equal(st.subject[3].annotations.role, 'production');
    assert.equal(st.predicate.verdict, 'fail');
    assert.equal(st.predicate.reportId, 'rep-0001');
    assert.equal(st.predicate.toolVersion, '0.1.0');
    assert.deepEqual([st.predicate.criteria.total, st.predicate.criteria.pass, st.predicate.criteria.fail, st.predicate.criteria.not_evaluable], [3, 1, 1, 1]);
    assert.equal(env.signatures[0].signoff.statementSha256, sha(Buffer.from(env.payload, 'base64')));

    const v = await verifyReport(dir, { publicKeys: [k.publicKeyPath] });
    assert.deepEqual(v.errors, []);
    assert.equal(v.ok, true);
    assert.deepEqual(
      v.signatures.map(({ signer, role, meaning, time, ok }) => ({ signer, role, meaning, time, ok })),
      [{ signer: 'Alice Smith', role: 'Model validator', meaning: 'validated', time: '2025-03-01T09:30:00Z', ok: true }],
    );
    const by = Object.fromEntries(v.subjects.map((s) => [s.name, s]));
    assert.equal(by['report.pdf'].checked, true);
    assert.equal(by['prod.onnx'].checked, true, 'found at its recorded absolute path');
    assert.equal(by['cand.onnx'].checked, false, 'recorded path absent, no artefactsDir');
    assert.match(by['cand.onnx'].reason!, /not checked/);

    const v2 = await verifyReport(dir, { publicKeys: [k.publicKeyPath], artefactsDir: artefacts });
    assert.equal(v2.ok, true);
    const by2 = Object.fromEntries(v2.subjects.map((s) => [s.name, s]));
    assert.equal(by2['cand.onnx'].checked, true);
    assert.equal(by2['traffic.csv'].checked, true);
    assert.equal(by2['holdout.parquet'].checked, false, 'absent everywhere: not checked, not a failure');
  });
}

test('countersign appends a signature without changing the payload; both verify', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519', 'pa');
  const b = makeKey(root, 'bob', 'ecdsa-p256', 'pb');
  await signReport(dir, { keyPath: a.privateKeyPath, passphrase: 'pa', signer: 'Alice Smith', role: 'Validator', meaning: 'validated', now: T1 });
  const before = readEnv(dir);
  const r = await signReport(dir, { keyPath: b.privateKeyPath, passphrase: 'pb', signer: 'Bob Jones', role: 'Head of model risk', meaning: 'approved', now: T2 });
  assert.equal(r.created, false);
  assert.equal(r.signatureCount, 2);
  const after = readEnv(dir);
  assert.equal(after.payload, before.payload);
  assert.deepEqual(after.signatures[0], before.signatures[0]);
  const v = await verifyReport(dir, { publicKeys: [a.publicKeyPath, b.publicKeyPath] });
  assert.deepEqual(v.errors, []);
  assert.deepEqual(v.signatures.map((s) => [s.signer, s.meaning, s.time, s.ok]), [
    ['Alice Smith', 'validated', '2025-03-01T09:30:00Z', true],
    ['Bob Jones', 'approved', '2025-03-02T14:00:00Z', true],
  ]);
  await assert.rejects(
    signReport(dir, { keyPath: b.privateKeyPath, passphrase: 'pb', signer: 'Bob Jones', role: 'Head of model risk', meaning: 'approved' }),
    (e: any) => e.code === 'BAD_ARGUMENT' && /already holds/.test(e.message),
  );
});

test('a signature whose key was not given is unverified and fails; a given key that signed nothing fails', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  const b = makeKey(root, 'bob', 'ecdsa-p256');
  const c = makeKey(root, 'carol', 'ed25519');
  await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice', role: 'Validator', meaning: 'validated' });
  await signReport(dir, { keyPath: b.privateKeyPath, signer: 'Bob', role: 'Approver', meaning: 'approved' });
  const v = await verifyReport(dir, { publicKeys: [a.publicKeyPath] });
  assert.equal(v.ok, false);
  assert.equal(v.signatures[0].ok, true);
  assert.equal(v.signatures[1].ok, false);
  assert.match(v.errors.join('\n'), /signature 2 \(Bob, approved\): unverified/);
  const w = await verifyReport(dir, { publicKeys: [c.publicKeyPath] });
  assert.equal(w.ok, false);
  assert.match(w.errors.join('\n'), /carol\.public\.pem.*has not signed/);
  assert.match(w.errors.join('\n'), /signature 1 \(Alice, validated\): unverified/);
});

test('a wrong key with the same keyid cannot pass: keyid is the hash of the key itself', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice', role: 'Validator', meaning: 'validated' });
  // an attacker rewrites the envelope's keyid to their own key and re-signs nothing: the sig no longer matches
  const other = generateKeyPairSync('ed25519');
  const otherPub = join(root, 'other.pem');
  writeFileSync(otherPub, other.publicKey.export({ type: 'spki', format: 'pem' }));
  const env = readEnv(dir);
  env.signatures[0].keyid = sha(other.publicKey.export({ type: 'spki', format: 'der' }));
  writeFileSync(join(dir, 'report.dsse.json'), JSON.stringify(env));
  const v = await verifyReport(dir, { publicKeys: [otherPub] });
  assert.equal(v.ok, false);
  assert.match(v.errors[0], /signature 1 \(Alice, validated\): the DSSE signature does not verify with .*other\.pem/);
});

test('wrong passphrase, missing passphrase and a public key as --key are BAD_KEY', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ecdsa-p256', 'right');
  const base = { signer: 'Alice', role: 'Validator', meaning: 'validated' };
  await assert.rejects(signReport(dir, { ...base, keyPath: a.privateKeyPath, passphrase: 'wrong' }), (e: any) => e.code === 'BAD_KEY' && /wrong passphrase/.test(e.message) && e.message.includes('alice.private.pem'));
  await assert.rejects(signReport(dir, { ...base, keyPath: a.privateKeyPath }), (e: any) => e.code === 'BAD_KEY' && /encrypted/.test(e.message));
  await assert.rejects(signReport(dir, { ...base, keyPath: a.publicKeyPath }), (e: any) => e.code === 'BAD_KEY' && /public key/.test(e.message));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  writeFileSync(join(root, 'rsa.pem'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await assert.rejects(signReport(dir, { ...base, keyPath: join(root, 'rsa.pem') }), (e: any) => e.code === 'BAD_KEY' && /Ed25519 or ECDSA P-256/.test(e.message));
});

test('sign-off fields are required and must be printable', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  await assert.rejects(signReport(dir, { keyPath: a.privateKeyPath, signer: ' ', role: 'r', meaning: 'm' }), (e: any) => e.code === 'BAD_ARGUMENT' && /signer is empty/.test(e.message));
  await assert.rejects(signReport(dir, { keyPath: a.privateKeyPath, signer: 'A\nB', role: 'r', meaning: 'm' }), (e: any) => e.code === 'BAD_ARGUMENT' && /control characters/.test(e.message));
});

for (const file of ['report.json', 'report.html', 'report.pdf']) {
  test(`refuses to countersign when ${file} changed after the first signature`, async () => {
    const { root, dir } = makeReport();
    const a = makeKey(root, 'alice', 'ed25519');
    const b = makeKey(root, 'bob', 'ed25519');
    await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice', role: 'Validator', meaning: 'validated' });
    const before = readEnv(dir);
    flipByte(join(dir, file));
    await assert.rejects(
      signReport(dir, { keyPath: b.privateKeyPath, signer: 'Bob', role: 'Approver', meaning: 'approved' }),
      (e: any) => e.code === 'DIGEST_MISMATCH' && e.message.includes(`${file} changed after signing`) && /refusing to countersign/.test(e.message),
    );
    assert.deepEqual(readEnv(dir), before, 'envelope untouched');
  });
}

test('a model changed on disk fails verification and blocks countersigning; a removed report file fails', async () => {
  const { root, dir, modelPath } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice', role: 'Validator', meaning: 'validated' });
  flipByte(modelPath);
  const v = await verifyReport(dir, { publicKeys: [a.publicKeyPath] });
  assert.equal(v.ok, false);
  assert.match(v.errors.join('\n'), /model prod\.onnx \(.*prod\.onnx\) changed after signing/);
  flipByte(modelPath);
  unlinkSync(join(dir, 'report.pdf'));
  const w = await verifyReport(dir, { publicKeys: [a.publicKeyPath] });
  assert.equal(w.ok, false);
  assert.match(w.errors.join('\n'), /report\.pdf is missing from the report folder/);
});

test('a report file added after signing fails verification', async () => {
  const { root, dir } = makeReport();
  unlinkSync(join(dir, 'report.pdf'));
  const a = makeKey(root, 'alice', 'ed25519');
  await signReport(dir, { keyPath: a.privateKeyPath, signer: 'Alice', role: 'Validator', meaning: 'validated' });
  assert.equal((await verifyReport(dir, { publicKeys: [a.publicKeyPath] })).ok, true);
  writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7 forged');
  const v = await verifyReport(dir, { publicKeys: [a.publicKeyPath] });
  assert.equal(v.ok, false);
  assert.match(v.errors.join('\n'), /report\.pdf is in the report folder but not covered/);
});

test('unsigned folder and missing report.json', async () => {
  const { root, dir } = makeReport();
  const a = makeKey(root, 'alice', 'ed25519');
  const v = await verifyReport(dir, { publicKeys: [a.publicKeyPath] });
  assert.equal(v.ok, false);
  assert.match(v.errors[0], /report\.dsse\.json not found/);
  unlinkSync(join(dir, 'report.json'));
  await assert.rejects(signReport(dir, { keyPath: a.privateKeyPath, signer: 'A', role: 'R', meaning: 'validated' }), (e: any) => e.code === 'FILE_NOT_FOUND' && /report\.json not found/.test(e.message));
});

test('base64 is decoded strictly: a changed character never decodes to the same bytes silently', () => {
  assert.deepEqual(strictBase64('Cg=='), Buffer.from('\n'));
  assert.equal(strictBase64('Ch=='), null, 'same bytes as Cg== in lenient decoders; refused');
  assert.equal(strictBase64('Cg'), null);
  assert.equal(strictBase64('C g=='), null);
  assert.equal(strictBase64(42), null);
});
