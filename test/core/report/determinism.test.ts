import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../core/cli/main.js';

const F = (p: string) => join(process.cwd(), 'fixtures', p);

/** report.json with its timestamps and wall-clock timings blanked, as the issue allows. */
function canonical(text: string): string {
  const r = JSON.parse(text);
  r.generatedAt = 'T';
  r.run.startedAt = 'T';
  if (r.run.finishedAt) r.run.finishedAt = 'T';
  delete r.timings;
  return JSON.stringify(r, null, 2);
}

test('the same inputs and seed give a byte-identical report.json apart from timestamps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-det-'));
  const out = join(dir, 'report');
  const args = ['run', '--production', F('models/hmda-columns/production.onnx'), '--candidate', F('models/hmda-columns/candidate.onnx'),
    '--data', F('data/hmda/traffic.parquet'), '--map', F('maps/hmda-columns.map.yaml'), '--criteria', F('criteria/hmda.criteria.yaml'),
    '--out', out, '--bootstrap', '200', '--seed', '7', '--noise-floor', '--format', 'json', '--quiet'];
  const io = { stdout: () => {}, stderr: () => {}, signal: new AbortController().signal, cwd: process.cwd(), env: {}, argv: args, isTTY: false };
  try {
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      rmSync(out, { recursive: true, force: true }); // a fresh workspace each time: the replay really runs twice
      assert.equal(await main(args, io), 3, 'the bundled criteria fail on this pair (exit code 3)');
      texts.push(readFileSync(join(out, 'report.json'), 'utf8'));
    }
    assert.notEqual(JSON.parse(texts[0]).generatedAt, undefined);
    assert.equal(canonical(texts[0]), canonical(texts[1]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
