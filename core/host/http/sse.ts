import type { ServerResponse } from 'node:http';
import type { WorkbenchEvent } from '../../contract/index.js';

/** Anything that can publish workbench events (the service does). */
export interface EventPublisher {
  on(listener: (e: WorkbenchEvent) => void): () => void;
}

/** Streams events to one client as Server-Sent Events until it disconnects; a comment every 15 s keeps proxies quiet. */
export function streamEvents(res: ServerResponse, source: EventPublisher | undefined, onClose: (fn: () => void) => void): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const off = source?.on((e) => {
    res.write(`data: ${JSON.stringify(e)}\n\n`);
  }) ?? (() => {});
  const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  beat.unref();
  const stop = () => {
    clearInterval(beat);
    off();
    res.end();
  };
  res.on('close', () => {
    clearInterval(beat);
    off();
  });
  onClose(stop);
}
