import type { MetricRecord } from '../../../../core/contract/index.js';
import { fmtCount } from '../../format/number.js';
import { confusion } from '../../metrics/confusion.js';

function Matrix({ records, model }: { records: MetricRecord[]; model: 'production' | 'candidate' }) {
  const { classes, counts } = confusion(records, model);
  if (!classes.length) return null;
  const name = model === 'production' ? 'Production' : 'Candidate';
  return (
    <div style={{ minWidth: 0 }}>
      <table className="grid confusion" aria-label={`Confusion matrix, ${model}`}>
        <caption className="soft" style={{ textAlign: 'left', paddingBottom: 4 }}><span className={`swatch ${model}`} aria-hidden="true" /> {name}: rows = true class, columns = predicted; count and share of the true class</caption>
        <thead><tr><th scope="col">true \ predicted</th>{classes.map((c) => <th key={c} scope="col" className="num">{c}</th>)}<th scope="col" className="num">rows</th></tr></thead>
        <tbody>
          {classes.map((t, i) => {
            const total = counts[i]!.reduce((a, b) => a + b, 0);
            return (
              <tr key={t}>
                <th scope="row">{t}</th>
                {classes.map((p, j) => {
                  const n = counts[i]![j]!;
                  const share = total ? n / total : 0;
                  return (
                    <td key={p} className="num" style={{ background: `color-mix(in srgb, var(--${model === 'production' ? 'prod' : 'cand'}) ${Math.round(share * 45)}%, transparent)`, fontWeight: i === j ? 600 : 400 }}>
                      {fmtCount(n)} <span className="soft" style={{ fontSize: 11 }}>{total && n ? `${(share * 100).toFixed(1)} %` : ''}</span>
                    </td>
                  );
                })}
                <td className="num soft">{fmtCount(total)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The confusion matrices of production and candidate, side by side in that order. */
export function ConfusionMatrices({ records }: { records: MetricRecord[] }) {
  if (!records.some((r) => r.id === 'multiclass.confusion')) return null;
  return <div className="cols" style={{ marginTop: 10 }}><Matrix records={records} model="production" /><Matrix records={records} model="candidate" /></div>;
}
