import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keygen } from '../../../../core/report/sign/keygen.js';
import { loadPrivateKey, loadPublicKey } from '../../../../core/report/sign/keys.js';
import { sha, tempDir } from './helpers.js';

for (const algorithm of ['ed25519', 'ecdsa-p256'] as const) {
  for (const passphrase of [undefined, 'correct horse battery staple']) {
    test(`keygen ${algorithm} ${passphrase ? 'with' : 'without'} passphrase writes PKCS#8/SPKI PEM and the keyid`, () => {
      const dir = join(tempDir(), 'keys');
      const r = keygen(dir, { algorithm, passphrase, name: 'alice' });
      assert.equal(r.privateKeyPath, join(dir, 'alice.private.pem'));
      assert.equal(r.publicKeyPath, join(dir, 'alice.public.pem'));
      const priv = readFileSync(r.privateKeyPath, 'utf8');
      assert.match(priv, passphrase ? /^-----BEGIN ENCRYPTED PRIVATE KEY-----/ : /^-----BEGIN PRIVATE KEY-----/);
      assert.equal(statSync(r.privateKeyPath).mode & 0o077, 0, 'private key is not group/world readable');
      assert.match(readFileSync(r.publicKeyPath, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
      const pub = loadPublicKey(r.publicKeyPath);
      assert.equal(r.keyid, sha(pub.export({ type: 'spki', format: 'der' })));
      const key = loadPrivateKey(r.privateKeyPath, passphrase);
      assert.equal(key.asymmetricKeyType, algorithm === 'ed25519' ? 'ed25519' : 'ec');
      assert.equal(sha(createPublicKey(key).export({ type: 'spki', format: 'der' })), r.keyid);
      if (passphrase) {
        assert.throws(() => loadPrivateKey(r.privateKeyPath, 'wrong'), (e: any) => e.code === 'BAD_KEY' && /wrong passphrase/.test(e.message) && e.message.includes('alice.private.pem'));
        assert.throws(() => loadPrivateKey(r.privateKeyPath), (e: any) => e.code === 'BAD_KEY' && /--passphrase-env/.test(e.message));
      }
    });
  }
}

test('keygen refuses to overwrite existing key files', () => {
  const dir = tempDir();
  keygen(dir, { algorithm: 'ed25519', name: 'k' });
  const before = readFileSync(join(dir, 'k.private.pem'), 'utf8');
  assert.throws(() => keygen(dir, { algorithm: 'ecdsa-p256', name: 'k' }), (e: any) => e.code === 'BAD_ARGUMENT' && /already exists/.test(e.message) && e.message.includes('k.private.pem'));
  assert.equal(readFileSync(join(dir, 'k.private.pem'), 'utf8'), before);
  writeFileSync(join(dir, 'p.public.pem'), 'x');
  assert.throws(() => keygen(dir, { algorithm: 'ed25519', name: 'p' }), /p\.public\.pem already exists/);
});

test('keygen rejects bad names and algorithms; loading non-keys is BAD_KEY', () => {
  const dir = tempDir();
  assert.throws(() => keygen(dir, { algorithm: 'ed25519', name: '../evil' }), (e: any) => e.code === 'BAD_ARGUMENT');
  assert.throws(() => keygen(dir, { algorithm: 'rsa' as any }), (e: any) => e.code === 'BAD_ARGUMENT' && /ed25519 or ecdsa-p256/.test(e.message));
  const r = keygen(dir, { algorithm: 'ed25519' });
  assert.throws(() => loadPrivateKey(r.publicKeyPath), (e: any) => e.code === 'BAD_KEY' && /is a public key/.test(e.message));
  writeFileSync(join(dir, 'junk.pem'), 'not a key');
  assert.throws(() => loadPrivateKey(join(dir, 'junk.pem')), (e: any) => e.code === 'BAD_KEY' && e.message.includes('junk.pem'));
  assert.throws(() => loadPublicKey(join(dir, 'junk.pem')), (e: any) => e.code === 'BAD_KEY' && e.message.includes('junk.pem'));
  assert.throws(() => loadPrivateKey(join(dir, 'missing.pem')), (e: any) => e.code === 'FILE_NOT_FOUND' && e.message.includes('missing.pem'));
});
