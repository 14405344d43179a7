import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../../core/contract/index.js';
import { loadContext, parseContext, writeReportFiles } from '../../../core/report/index.js';
import { commands } from '../../../core/cli/commands/index.js';
import { demoReport } from './helpers.js';

test('json and html: files with their sha256, identical bytes for the same report', async () => {
  const a = mkdtempSync(join(tmpdir(), 'sb-rep-'));
  const b = mkdtempSync(join(tmpdir(), 'sb-rep-'));
  try {
    const fa = await writeReportFiles(a, demoReport(), { formats: ['json', 'html'] });
    const fb = await writeReportFiles(b, demoReport(), { formats: ['json', 'html'] });
    assert.deepEqual(fa, fb);
    assert.equal(fa[1].sha256, createHash('sha256').update(readFileSync(join(a, 'report.html'))).digest('hex'));
    await assert.rejects(writeReportFiles(a, demoReport(), { formats: ['docx' as 'json'] }), /Unknown report format/);
  } finally {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});

test('context files: YAML mapping accepted; anything else is BAD_CONTEXT with the line', async () => {
  const ctx = await loadContext(new URL('../../../fixtures/context/hmda.context.yaml', import.meta.url).pathname);
  assert.equal(typeof ctx.decisionRequested, 'string');
  assert.ok(Array.isArray(ctx.limitations));
  for (const [text, re] of [['- a list', /expected a mapping/], ['scope: [unclosed', /line 1/], ['scope: {a: 1}', /scope must be text/]] as const) {
    assert.throws(() => parseContext(text, 'ctx.yaml'), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_CONTEXT' && re.test(e.message) && e.message.startsWith('ctx.yaml'));
  }
  await assert.rejects(loadContext('/nonexistent/ctx.yaml'), /does not exist/);
});

test('shadowbench report re-renders a folder with criteria and context', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
  try {
    writeFileSync(join(dir, 'report.json'), JSON.stringify(demoReport()));
    const cmd = commands.find((c) => c.name === 'report')!;
    let out = '';
    const io = { stdout: (s: string) => { out += s; }, stderr: () => {}, signal: new AbortController().signal, cwd: process.cwd(), env: {} };
    const crit = new URL('../../../fixtures/criteria/hmda.criteria.yaml', import.meta.url).pathname;
    const ctx = new URL('../../../fixtures/context/hmda.context.yaml', import.meta.url).pathname;
    assert.equal(await cmd.run({ criteria: crit, context: ctx, format: 'json,html' }, [dir], io), 0);
    assert.match(out, /verdict: fail \(2 pass, 2 fail, 2 not evaluable\)/);
    const r = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(r.verdict, 'fail');
    assert.equal(r.artefacts.criteria.sha256, createHash('sha256').update(readFileSync(crit)).digest('hex'));
    assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /Approve replacing production v1/);
    await assert.rejects(cmd.run({ format: 'json,docx' }, [dir], io), /--format takes json, html, pdf/);
    await assert.rejects(cmd.run({ format: 'json' }, [join(dir, 'nope')], io), /FILE_NOT_FOUND|Cannot read/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
