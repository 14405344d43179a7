/** Height of one row in pixels; rows are single-line (nowrap) so every row has it. */
export const ROW_HEIGHT = 24;
const OVERSCAN = 12;

/** Which rows to render for a scroll position: [start, end) with some overscan. */
export function visibleRange(scrollTop: number, viewport: number, count: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { start, end: Math.max(start, end) };
}
