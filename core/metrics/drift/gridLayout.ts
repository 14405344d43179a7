/** Equal-width fine cells between the robust limits on the grid path. */
export const GRID_BINS = 4000;

/** The fine grid extends this many robust ranges beyond each robust limit, at the same cell width. */
export const GRID_EXTENSION = 1;

/**
 * Fine grid of one column on the grid path: cells of width (hi - lo) / GRID_BINS from
 * a = lo - GRID_EXTENSION (hi - lo) to b = hi + GRID_EXTENSION (hi - lo), G cells in all; cell index
 * c = floor((x - a) * scale) clamped to [-1, G] (-1 and G are the open tails), stored shifted by
 * one (0 .. G+1). A cell without a reference bin edge is one slot (slot = shifted cell); a cell
 * holding edges is split into one slot per reference bin it touches (slots G+2 onwards), so slots
 * never straddle an edge and reference-bin counts are exact. The cell of x is monotone in x (every
 * floating operation used is), so an edge's cell is the only cell whose values need comparing with it.
 */
export interface GridLayout {
  a: number; b: number; scale: number; G: number;
  /** Sorted distinct inner edges of the reference bins. */
  edges: number[];
  edgesArray: Float64Array;
  /** Edges inside each shifted cell (small, so the hot loop's lookup stays in L1 cache). */
  edgesIn: Uint16Array;
  /** For a shifted cell with edges: its first extra slot; else unused. */
  extraBase: Int32Array;
  /** Reference bin of the lowest values of each shifted cell (= edges below the cell). */
  kLow: Int32Array;
  slots: number;
  /** Slots in increasing order of value (cell, then reference bin). */
  order: Int32Array;
  /** Cell (unshifted, -1 .. G) and reference bin of each slot. */
  cellOfSlot: Int32Array;
  binOfSlot: Int32Array;
}

export function cellOf(x: number, a: number, scale: number, G: number): number {
  const c = Math.floor((x - a) * scale);
  return c < -1 ? -1 : c > G ? G : c;
}

/** Layout for reference bin `edges` and robust limits lo < hi (e.g. 0.1% and 99.9% quantiles). */
export function gridLayout(edges: number[], lo: number, hi: number): GridLayout {
  if (!(hi > lo)) hi = lo + 1;
  const G = GRID_BINS * (1 + 2 * GRID_EXTENSION), a = lo - GRID_EXTENSION * (hi - lo), b = hi + GRID_EXTENSION * (hi - lo);
  const scale = G / (b - a);
  const cells = G + 2;
  const edgesIn = new Uint16Array(cells), kLow = new Int32Array(cells), extraBase = new Int32Array(cells);
  for (const e of edges) edgesIn[cellOf(e, a, scale, G) + 1]!++;
  let slots = cells, below = 0;
  for (let c = 0; c < cells; c++) {
    kLow[c] = below;
    below += edgesIn[c]!;
    if (edgesIn[c]) { extraBase[c] = slots; slots += edgesIn[c]! + 1; }
  }
  const order: number[] = [];
  const cellOfSlot = new Int32Array(slots), binOfSlot = new Int32Array(slots);
  for (let c = 0; c < cells; c++) {
    cellOfSlot[c] = c - 1; binOfSlot[c] = kLow[c]!;
    if (!edgesIn[c]) { order.push(c); continue; }
    for (let t = 0; t <= edgesIn[c]!; t++) {
      const s = extraBase[c]! + t;
      cellOfSlot[s] = c - 1; binOfSlot[s] = kLow[c]! + t;
      order.push(s);
    }
  }
  return { a, b, scale, G, edges, edgesArray: Float64Array.from(edges), edgesIn, extraBase, kLow, slots, order: Int32Array.from(order), cellOfSlot, binOfSlot };
}
