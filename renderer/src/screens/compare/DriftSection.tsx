import { useState } from 'react';
import type { MetricRecord } from '../../../../core/contract/index.js';
import type { MetricRow } from '../../metrics/group.js';
import { DriftDistributionView } from './DriftDistributionView.js';
import { driftColumns, DriftTable } from './DriftTable.js';
import { FamilyTable } from './FamilyTable.js';

/** The drift panel's body: the per-column table (click a row for its distributions), the summary, every statistic. */
export function DriftSection({ metrics, rows, runId, theme, total }: { metrics: MetricRecord[]; rows: MetricRow[]; runId: string | undefined; theme: string; total?: number }) {
  const columns = driftColumns(metrics);
  const [picked, setPicked] = useState<string | null>(null);
  const selected = columns.find((c) => c.column === picked) ?? columns.find((c) => c.drifted === 1) ?? columns[0];
  return (
    <>
      <p className="soft" style={{ marginTop: 0 }}>Input drift of the current data against the reference, per model input column. Select a row for both distributions.</p>
      <DriftTable rows={columns} selected={selected?.column ?? null} onSelect={setPicked} />
      {selected && runId && <DriftDistributionView runId={runId} row={selected} theme={theme} />}
      <div style={{ marginTop: 10 }}><FamilyTable rows={rows.filter((r) => !r.group)} label="Drift summary" total={total} /></div>
      <details style={{ marginTop: 8 }}><summary className="soft">Every drift statistic</summary><FamilyTable rows={rows.filter((r) => r.group && !r.group.window)} label="All drift statistics" total={total} /></details>
    </>
  );
}
