import type { CriteriaResult, MetricRecord } from '../../../../core/contract/index.js';
import { Judge } from '../../components/Delta.js';
import { MetricLabel } from '../../components/MetricLabel.js';
import { fmtNum, fmtP, fmtSigned, NA } from '../../format/number.js';
import { headlines, judge } from '../../metrics/group.js';
import { CriterionMark, criterionFor, rowDecimals } from './cells.js';

/** Value and, smaller, its interval: `0.8012 [0.7802, 0.8201]`. */
function VCI({ rec, d, signed = false }: { rec: MetricRecord | undefined; d: number; signed?: boolean }) {
  if (!rec || rec.value === null) return <span className="faint">{rec?.note ?? NA}</span>;
  const f = (v: number) => (signed ? fmtSigned(v, { decimals: d }) : fmtNum(v, { decimals: d }));
  return (
    <>
      <span className="v">{f(rec.value)}{rec.unit ? ` ${rec.unit}` : ''}</span>
      {rec.ci && <>{' '}<span className="ci">[{fmtNum(rec.ci.low, { decimals: d })}, {fmtNum(rec.ci.high, { decimals: d })}]</span></>}
    </>
  );
}

/** The strip of headline cards: production, candidate, change with CI and a pass/fail mark when a criterion covers it. */
export function HeadlineCards({ metrics, criteria, total }: { metrics: MetricRecord[]; criteria: CriteriaResult[] | null; total?: number }) {
  const cards = headlines(metrics);
  if (cards.length === 0) return null;
  return (
    <div className="cards" role="list" aria-label="Headline metrics">
      {cards.map(({ key, title, subtitle, row }) => {
        const d = rowDecimals(row);
        const single = row.byModel.both ?? (!row.byModel.production && !row.byModel.candidate ? Object.values(row.byModel)[0] : undefined);
        const change = row.byModel.delta ?? row.byModel.ratio;
        const test = row.byModel.delta?.p;
        return (
          <article key={key} className="card" role="listitem" aria-label={title} data-card={key}>
            <h3><MetricLabel id={row.id} label={title} record={row.byModel.candidate ?? single} total={total} /><CriterionMark c={criterionFor(row, criteria)} /></h3>
            <div className="sub">{subtitle ?? <span className="mono faint">{row.id}</span>}</div>
            {single ? (
              <div className="big num" style={{ textAlign: 'left' }}>
                <VCI rec={single} d={d} />
                {single.note && <div className="soft" style={{ fontSize: 11, fontWeight: 400 }}>{single.note}</div>}
              </div>
            ) : (
              <>
                <dl>
                  <dt><span className="swatch production" aria-hidden="true" />Prod.</dt><dd><VCI rec={row.byModel.production} d={d} /></dd>
                  <dt><span className="swatch candidate" aria-hidden="true" />Cand.</dt><dd><VCI rec={row.byModel.candidate} d={d} /></dd>
                  <dt>{row.byModel.delta ? 'Δ' : 'Ratio'}</dt>
                  <dd>{change ? <VCI rec={change} d={row.byModel.delta ? d : 3} signed={!!row.byModel.delta} /> : NA}</dd>
                </dl>
                <div className="judge-row"><span className="soft">{test !== undefined ? fmtP(test) : ''}</span><Judge verdict={judge(row)} /></div>
              </>
            )}
          </article>
        );
      })}
    </div>
  );
}
