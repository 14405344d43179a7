import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkbenchError } from '../../core/contract/index.js';

test('WorkbenchError carries a code and details', () => {
  const e = new WorkbenchError('BAD_MAP', 'column "x" is missing', { column: 'x' });
  assert.equal(e.code, 'BAD_MAP');
  assert.deepEqual(e.toJSON(), { code: 'BAD_MAP', message: 'column "x" is missing', details: { column: 'x' } });
  assert.ok(WorkbenchError.is(e));
});

test('the version in reports and --version is package.json\'s', async () => {
  const { VERSION } = await import('../../core/version.js');
  const { readFileSync } = await import('node:fs');
  assert.equal(VERSION, JSON.parse(readFileSync('package.json', 'utf8')).version);
});
