import { join } from 'node:path';
import { type CliCommand, flagString } from '../command.js';
import { packageRoot } from '../../host/serverRoot.js';
import { runAndReport } from './run.js';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Run the whole comparison on the bundled fixtures (HMDA mortgage traffic, two real models).',
  description: 'Replays the bundled HMDA traffic (AER package, 2,380 mortgage applications; sensitive attribute afam) through a logistic-regression production model and a gradient-boosted candidate, with the noise floor, a short latency replay and input drift against the rows the models were trained on, evaluates the bundled acceptance criteria and writes the report folder (JSON, HTML, and PDF when Chromium is found). Exits 0 whatever the verdict.',
  flags: [
    { name: 'out', type: 'string', value: 'DIR', description: 'Report folder.', default: 'shadowbench-demo' },
    { name: 'pair', type: 'string', value: 'NAME', description: 'Fixture model pair: hmda-matrix (one 2-D input) or hmda-columns (one input per column, ZipMap output).', default: 'hmda-matrix' },
    { name: 'quiet', type: 'boolean', description: 'Print only the report path.' },
  ],
  examples: ['shadowbench demo', 'shadowbench demo --pair hmda-columns --out /tmp/demo'],
  async run(flags, _pos, io) {
    const root = packageRoot();
    const pair = flagString(flags, 'pair') ?? 'hmda-matrix';
    return runAndReport({
      production: join(root, 'fixtures/models', pair, 'production.onnx'),
      candidate: join(root, 'fixtures/models', pair, 'candidate.onnx'),
      data: join(root, 'fixtures/data/hmda/traffic.parquet'),
      reference: join(root, 'fixtures/data/hmda/reference.parquet'),
      map: join(root, 'fixtures/maps', `${pair}.map.yaml`),
      out: flagString(flags, 'out') ?? 'shadowbench-demo',
      noiseFloor: true,
      failExit: false,
      latency: { requests: 400, warmup: 50, batch: 1, mode: 'closed', seed: 20261125 },
      criteria: join(root, 'fixtures/criteria/hmda.criteria.yaml'),
      context: join(root, 'fixtures/context/hmda.context.yaml'),
      quiet: !!flags.quiet,
      command: ['shadowbench', ...(io.argv ?? ['demo'])],
    }, io);
  },
};
