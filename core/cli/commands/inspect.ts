import { resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import type { TensorInfo } from '../../contract/index.js';
import { Workspace } from '../../data/Workspace.js';
import { readModel } from '../../model/readModel.js';
import type { CliCommand, CliIO } from '../command.js';
import { int, table } from '../format.js';

const shape = (t: TensorInfo) => `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

async function inspectModel(path: string, io: CliIO): Promise<void> {
  const m = await readModel(path);
  const s = m.signature;
  io.stdout(`${m.path}\n  sha256 ${m.sha256}   ${int(m.sizeBytes)} bytes\n`);
  io.stdout(`  producer ${[s.producerName, s.producerVersion].filter(Boolean).join(' ') || '(none)'}   IR ${s.irVersion}   opsets ${Object.entries(s.opsets).map(([d, v]) => `${d || 'ai.onnx'} ${v}`).join(', ')}\n`);
  if (s.docString) io.stdout(`  doc: ${s.docString}\n`);
  for (const [k, v] of Object.entries(s.metadata)) io.stdout(`  metadata ${k} = ${v}\n`);
  io.stdout('\nInputs\n' + table(s.inputs.map((t) => [t.name, t.type, shape(t)]), ['name', 'type', 'shape']));
  io.stdout('\nOutputs\n' + table(s.outputs.map((t) => [t.name, t.kind === 'zipmap' ? `ZipMap (read through ${t.feeds}; classes ${t.classLabels?.join(', ')})` : t.kind === 'tensor' ? t.type : t.kind, shape(t)]), ['name', 'type', 'shape']));
}

async function inspectDataset(path: string, io: CliIO): Promise<void> {
  const ws = await Workspace.create(':memory:');
  try {
    const d = await ws.importDataset(path, { signal: io.signal });
    io.stdout(`${d.path}\n  ${d.format}   ${int(d.rows)} rows   ${d.columns.length} columns   sha256 ${d.sha256}\n\n`);
    const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
    const nulls = await ws.conn.runAndReadAll(`SELECT ${d.columns.map((c, i) => `count(*) - count(${q(c.name)}) AS n${i}`).join(', ')} FROM ${q(d.id)}`);
    const counts = nulls.getRows()[0].map((v) => Number(v));
    io.stdout(table(d.columns.map((c, i) => [c.name, c.type, int(counts[i])]), ['column', 'type', 'NULLs']));
    const page = await ws.preview(d.id, { limit: 5 });
    io.stdout('\nFirst rows\n' + table(page.rows.map((r) => r.map((v) => (v === null ? 'NULL' : String(v)))), page.columns.map((c) => c.name)));
  } finally {
    await ws.close();
  }
}

export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'Show a model\'s signature (inputs, outputs, opsets, metadata, sha256) or a dataset\'s schema, NULL counts and first rows.',
  positionals: 'FILE...',
  flags: [],
  examples: ['shadowbench inspect fixtures/models/hmda-columns/production.onnx', 'shadowbench inspect fixtures/data/hmda/traffic.parquet'],
  async run(_flags, files, io) {
    if (!files.length) throw new WorkbenchError('BAD_ARGUMENT', 'Name at least one .onnx model or dataset file to inspect.');
    for (const [i, f] of files.entries()) {
      if (i) io.stdout('\n');
      const path = resolve(io.cwd, f);
      if (/\.onnx$/i.test(path)) await inspectModel(path, io);
      else await inspectDataset(path, io);
    }
    return 0;
  },
};
