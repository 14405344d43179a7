import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name` beside the module `base` (its import.meta.url): name.js when
 * running compiled dist/, or name.ts when running TypeScript through tsx. tsx (4.x on Node 20) does
 * not register its loader inside worker threads even though they inherit `--import tsx`, so the .ts
 * worker is started from a small eval script that registers tsx's ESM API first.
 */
export function startWorker(base: string, name: string, workerData: unknown): Worker {
  if (!base.endsWith('.ts')) {
    return new Worker(new URL(`./${name}.js`, base), { workerData, execArgv: workerExecArgv() });
  }
  const entry = new URL(`./${name}.ts`, base).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData, execArgv: workerExecArgv() });
}

/** The parent's execArgv minus flags a file-based worker refuses (`--input-type` of `node -e` scripts). */
function workerExecArgv(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const a = process.execArgv[i]!;
    if (a === '--input-type') i++;
    else if (!a.startsWith('--input-type=')) out.push(a);
  }
  return out;
}
