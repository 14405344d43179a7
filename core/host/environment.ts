import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import type { ReportModel } from '../report/reportModel.js';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    const main = require.resolve(name);
    const idx = main.lastIndexOf(`node_modules/${name}/`);
    const pkg = JSON.parse(readFileSync(main.slice(0, idx) + `node_modules/${name}/package.json`, 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** The machine and library versions a report was produced with. */
export function environment(): ReportModel['environment'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
    cpus: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    onnxruntime: packageVersion('onnxruntime-node'),
    duckdb: packageVersion('@duckdb/node-api'),
  };
}
