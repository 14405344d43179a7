import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keygen } from '../../../../core/report/sign/keygen.js';
import type { KeyAlgorithm } from '../../../../core/report/sign/keys.js';

export const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export function tempDir(prefix = 'sb-sign-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fake report folder: report.json/html/pdf, and a model + dataset next to it (plus one dataset that is absent). */
export function makeReport(root = tempDir()): { root: string; dir: string; artefacts: string; modelPath: string } {
  const artefacts = join(root, 'artefacts');
  const dir = join(root, 'report');
  mkdirSync(artefacts, { recursive: true });
  mkdirSync(dir, { recursive: true });
  const prod = Buffer.from('fake onnx bytes: production');
  const cand = Buffer.from('fake onnx bytes: candidate');
  const data = 'a,b,label\n1,2,0\n3,4,1\n';
  const modelPath = join(artefacts, 'prod.onnx');
  writeFileSync(modelPath, prod);
  writeFileSync(join(artefacts, 'cand.onnx'), cand);
  writeFileSync(join(artefacts, 'traffic.csv'), data);
  const report = {
    id: 'rep-0001',
    toolVersion: '0.1.0',
    verdict: 'fail',
    criteria: [
      { rule: 'candidate.roc_auc >= production.roc_auc - 0.01', status: 'pass', observed: 0.91, bound: 0.9 },
      { rule: 'fairness.air >= 0.8', status: 'fail', observed: 0.7, bound: 0.8 },
      { rule: 'latency.p99 <= 20', status: 'not_evaluable', observed: null, bound: 20 },
    ],
    artefacts: {
      // absolute path for production; the candidate's recorded path does not exist (found via artefactsDir by name)
      models: [
        { role: 'production', path: modelPath, name: 'prod.onnx', sha256: sha(prod) },
        { role: 'candidate', path: '/nonexistent/cand.onnx', name: 'cand.onnx', sha256: sha(cand) },
      ],
      datasets: [
        { name: 'traffic.csv', path: '/nonexistent/traffic.csv', sha256: sha(data), rows: 2 },
        { name: 'holdout.parquet', path: '/nonexistent/holdout.parquet', sha256: sha('absent'), rows: 10 },
      ],
    },
  };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
  writeFileSync(join(dir, 'report.html'), '<!doctype html><html><body><h1>Validation report</h1></body></html>\n');
  writeFileSync(join(dir, 'report.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 250, 251, 252]), Buffer.from('\n%%EOF\n')]));
  return { root, dir, artefacts, modelPath };
}

/** Generates a named key pair in root/keys. */
export function makeKey(root: string, name: string, algorithm: KeyAlgorithm, passphrase?: string) {
  return keygen(join(root, 'keys'), { algorithm, name, passphrase });
}

/** XORs one byte of a file (default: the middle one). */
export function flipByte(file: string, at?: number): void {
  const b = readFileSync(file);
  const i = at ?? Math.floor(b.length / 2);
  b[i] ^= 0x01;
  writeFileSync(file, b);
}

/** Changes one base64 character in the middle of a string to another valid base64 character. */
export function flipBase64(s: string): string {
  const i = Math.floor(s.length / 3);
  const c = s[i] === 'A' ? 'B' : 'A';
  return s.slice(0, i) + c + s.slice(i + 1);
}

export const envFile = (dir: string) => join(dir, 'report.dsse.json');
export const readEnv = (dir: string) => JSON.parse(readFileSync(envFile(dir), 'utf8'));
export const writeEnv = (dir: string, env: unknown) => writeFileSync(envFile(dir), JSON.stringify(env, null, 2));
