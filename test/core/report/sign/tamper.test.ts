import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { signReport } from '../../../../core/report/sign/signReport.js';
import { verifyReport } from '../../../../core/report/sign/verifyReport.js';
import { flipBase64, flipByte, makeKey, makeReport, readEnv, tempDir, writeEnv } from './helpers.js';

// One report signed by Alice (Ed25519) and countersigned by Bob (ECDSA P-256); every case tampers a fresh copy.
const { root, dir } = makeReport();
const alice = makeKey(root, 'alice', 'ed25519', 'pa');
const bob = makeKey(root, 'bob', 'ecdsa-p256', 'pb');
await signReport(dir, { keyPath: alice.privateKeyPath, passphrase: 'pa', signer: 'Alice Smith', role: 'Validator', meaning: 'validated' });
await signReport(dir, { keyPath: bob.privateKeyPath, passphrase: 'pb', signer: 'Bob Jones', role: 'Approver', meaning: 'approved' });
const keys = [alice.publicKeyPath, bob.publicKeyPath];

function copy(): string {
  const d = join(tempDir('sb-tamper-'), 'report');
  cpSync(dir, d, { recursive: true });
  return d;
}

test('the untampered copy verifies', async () => {
  const v = await verifyReport(copy(), { publicKeys: keys });
  assert.deepEqual(v.errors, []);
});

type Case = [label: string, tamper: (d: string) => void, expected: RegExp];
const editEnv = (f: (env: any) => void) => (d: string) => {
  const env = readEnv(d);
  f(env);
  writeEnv(d, env);
};
const cases: Case[] = [
  ['a byte of report.json', (d) => flipByte(join(d, 'report.json')), /report\.json changed after signing/],
  ['a byte of report.html', (d) => flipByte(join(d, 'report.html')), /report\.html changed after signing/],
  ['a byte of report.pdf', (d) => flipByte(join(d, 'report.pdf')), /report\.pdf changed after signing/],
  ['the last byte of report.pdf', (d) => flipByte(join(d, 'report.pdf'), statSync(join(d, 'report.pdf')).size - 1), /report\.pdf changed after signing/],
  ['the first byte of report.json', (d) => flipByte(join(d, 'report.json'), 0), /report\.json changed after signing/],
  ['a character of the payload', editEnv((e) => (e.payload = flipBase64(e.payload))), /report\.dsse\.json.*the envelope's payload was changed|signature 1 \(Alice Smith, validated\): the DSSE signature does not verify/],
  ['the last base64 character of the payload', editEnv((e) => (e.payload = e.payload.replace(/.(?==*$)/, (c: string) => (c === 'A' ? 'B' : 'A')))), /report\.dsse\.json.*the envelope's payload was changed|the DSSE signature does not verify/],
  ['the payload re-encoded with a new subject digest', editEnv((e) => {
    const st = JSON.parse(Buffer.from(e.payload, 'base64').toString());
    st.predicate.verdict = 'pass';
    e.payload = Buffer.from(JSON.stringify(st, null, 2) + '\n').toString('base64');
  }), /signature 2 \(Bob Jones, approved\): the DSSE signature does not verify/],
  ['the payloadType', editEnv((e) => (e.payloadType = 'application/json')), /payloadType/],
  ['signature 1 sig', editEnv((e) => (e.signatures[0].sig = flipBase64(e.signatures[0].sig))), /signature 1 \(Alice Smith, validated\): the DSSE signature does not verify.*"sig"/],
  ['signature 2 sig', editEnv((e) => (e.signatures[1].sig = flipBase64(e.signatures[1].sig))), /signature 2 \(Bob Jones, approved\): the DSSE signature does not verify.*"sig"/],
  ['signature 1 signoffSig', editEnv((e) => (e.signatures[0].signoffSig = flipBase64(e.signatures[0].signoffSig))), /signature 1 \(Alice Smith, validated\): the sign-off record .* \("signoffSig"\) was changed/],
  ['signature 2 signoffSig', editEnv((e) => (e.signatures[1].signoffSig = flipBase64(e.signatures[1].signoffSig))), /signature 2 \(Bob Jones, approved\): the sign-off record/],
  ['signature 1 signoff name', editEnv((e) => (e.signatures[0].signoff.name = 'Alice Smyth')), /signature 1 \(Alice Smyth, validated\): the sign-off record/],
  ['signature 2 signoff role', editEnv((e) => (e.signatures[1].signoff.role = 'Intern')), /signature 2 \(Bob Jones, approved\): the sign-off record/],
  ['signature 2 signoff meaning', editEnv((e) => (e.signatures[1].signoff.meaning = 'reviewed')), /signature 2 \(Bob Jones, reviewed\): the sign-off record/],
  ['signature 1 signoff time', editEnv((e) => (e.signatures[0].signoff.time = e.signatures[0].signoff.time.replace(/\d(?=Z$)/, (c: string) => String((+c + 1) % 10)))), /signature 1 \(Alice Smith, validated\): the sign-off record/],
  ['signature 1 signoff statementSha256', editEnv((e) => (e.signatures[0].signoff.statementSha256 = e.signatures[0].signoff.statementSha256.replace(/^./, (c: string) => (c === '0' ? '1' : '0')))), /signature 1 \(Alice Smith, validated\): its sign-off names a different statement/],
  ['an extra field in a signoff', editEnv((e) => (e.signatures[1].signoff.note = 'x')), /signature 2 \(Bob Jones, approved\): the sign-off record/],
  ['signature 1 keyid', editEnv((e) => (e.signatures[0].keyid = e.signatures[0].keyid.replace(/^./, (c: string) => (c === '0' ? '1' : '0')))), /signature 1 \(Alice Smith, validated\): unverified/],
  ['a removed signature', editEnv((e) => e.signatures.pop()), /bob\.public\.pem .*has not signed/],
  ['swapped sign-offs between signatures', editEnv((e) => ([e.signatures[0].signoff, e.signatures[1].signoff] = [e.signatures[1].signoff, e.signatures[0].signoff])), /signature 1 \(Bob Jones, approved\): the sign-off record/],
];

for (const [label, tamper, expected] of cases) {
  test(`changing ${label} fails verification with a message naming it`, async () => {
    const d = copy();
    tamper(d);
    const v = await verifyReport(d, { publicKeys: keys });
    assert.equal(v.ok, false);
    assert.match(v.errors.join('\n'), expected);
  });
}
