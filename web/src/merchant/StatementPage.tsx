// 资金账单: the store's payable account in the ledger — balance now, the chosen period's opening
// and closing balance, and every entry in it, newest first. The range and page live in the URL
// so a merchant can bookmark or share "last month, page 2".
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { formatTime } from '../components/OrderBits';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { formatFen } from '../money';
import type { Statement } from '../types';
import { useMerchant } from './context';
import { isDay, kindGroup, presetOf, presetRange, rangeQuery, RANGE_PRESETS, type DayRange } from './statementModel';

const PAGE_SIZE = 20;

export function StatementPage() {
  const { t } = useI18n();
  const { current } = useMerchant();
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range: DayRange = { from: isDay(from) ? from : '', to: isDay(to) ? to : '' };
  const page = Math.max(1, Math.floor(Number(params.get('page') ?? '1')) || 1);

  function go(next: DayRange, nextPage = 1) {
    const q: Record<string, string> = {};
    if (next.from) q.from = next.from;
    if (next.to) q.to = next.to;
    if (nextPage > 1) q.page = String(nextPage);
    setParams(q, { replace: true });
  }

  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <div className="stmt" data-testid="statement-page">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('statement.title')}</h1>
          <p className="muted">{t('statement.subtitle', { store: current.name })}</p>
        </div>
      </div>
      <RangeFilter key={`${range.from}|${range.to}`} range={range} onChange={(r) => go(r)} />
      <StatementView key={`${current.id}|${range.from}|${range.to}|${page}`} storeId={current.id} range={range} page={page} onPage={(p) => go(range, p)} />
    </div>
  );
}

function RangeFilter({ range, onChange }: { range: DayRange; onChange: (r: DayRange) => void }) {
  const { t } = useI18n();
  const preset = presetOf(range);
  const [draft, setDraft] = useState<DayRange>(range);
  const invalid = draft.from !== '' && draft.to !== '' && draft.from > draft.to;

  function apply(e: FormEvent) {
    e.preventDefault();
    if (!invalid) onChange(draft);
  }

  return (
    <form className="mc-card stmt-filter" onSubmit={apply} data-testid="statement-filter">
      <div className="seg" role="group" aria-label={t('statement.range.custom')}>
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={`seg-item seg-btn ${preset === p ? 'on' : ''}`}
            aria-pressed={preset === p}
            onClick={() => onChange(presetRange(p))}
            data-testid={`statement-range-${p}`}
          >
            {t(`statement.range.${p}`)}
          </button>
        ))}
      </div>
      <div className="stmt-dates">
        <label>
          <span className="sr-only">{t('statement.from')}</span>
          <input type="date" value={draft.from} max={draft.to || undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-label={t('statement.from')} data-testid="statement-from" />
        </label>
        <span className="muted">—</span>
        <label>
          <span className="sr-only">{t('statement.to')}</span>
          <input type="date" value={draft.to} min={draft.from || undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-label={t('statement.to')} data-testid="statement-to" aria-invalid={invalid || undefined} />
        </label>
        <button type="submit" className="btn btn-primary btn-sm" disabled={invalid} data-testid="statement-apply">
          {t('statement.apply')}
        </button>
        {invalid && <span className="field-error">{t('statement.rangeInvalid')}</span>}
      </div>
    </form>
  );
}

function StatementView({ storeId, range, page, onPage }: { storeId: string; range: DayRange; page: number; onPage: (p: number) => void }) {
  const { t } = useI18n();
  const s = useLoad(() => api.statement(storeId, { ...rangeQuery(range), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }), [storeId, range.from, range.to, page]);
  if (s.loading && !s.data) return <Loading />;
  if (s.error || !s.data) return <ErrorBox error={s.error} onRetry={s.reload} />;
  const data = s.data;
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  return (
    <>
      <Summary s={data} range={range} />
      <div className="mc-card mc-table-wrap">
        <div className="muted small mc-table-meta stmt-meta">
          <span data-testid="statement-count">{t('statement.count', { n: data.total })}</span>
          <span>{t('statement.note')}</span>
        </div>
        {data.items.length === 0 ? <Empty text={t('statement.empty')} /> : <Lines s={data} />}
        {pages > 1 && (
          <div className="pager" data-testid="statement-pager">
            <button type="button" className="btn btn-ghost btn-sm" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="statement-prev">
              ‹ {t('statement.prev')}
            </button>
            <span className="muted small">{t('statement.page', { page, pages })}</span>
            <button type="button" className="btn btn-ghost btn-sm" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="statement-next">
              {t('statement.next')} ›
            </button>
          </div>
        )}
      </div>
    </>
  );
}

function Summary({ s, range }: { s: Statement; range: DayRange }) {
  const { t } = useI18n();
  const net = s.closingFen - s.openingFen;
  const period = range.from || range.to ? t('statement.rangeLabel', { from: range.from || t('statement.openStart'), to: range.to || t('statement.openEnd') }) : t('statement.openingAll');
  return (
    <div className="stmt-summary">
      <div className="stmt-tile stmt-tile-main">
        <div className="stmt-tile-label">{t('statement.payable')}</div>
        <div className="stmt-tile-value" data-testid="statement-payable">
          {formatFen(s.payableFen)}
        </div>
        <div className="stmt-tile-hint">{t('statement.payableHint')}</div>
      </div>
      <div className="stmt-tile">
        <div className="stmt-tile-label">{t('statement.opening')}</div>
        <div className="stmt-tile-value" data-testid="statement-opening">
          {formatFen(s.openingFen)}
        </div>
        <div className="stmt-tile-hint">{period}</div>
      </div>
      <div className="stmt-tile">
        <div className="stmt-tile-label">{t('statement.closing')}</div>
        <div className="stmt-tile-value" data-testid="statement-closing">
          {formatFen(s.closingFen)}
        </div>
        <div className="stmt-tile-hint">{period}</div>
      </div>
      <div className="stmt-tile">
        <div className="stmt-tile-label">{t('statement.net')}</div>
        <div className={`stmt-tile-value ${net > 0 ? 'amt-in' : net < 0 ? 'amt-out' : ''}`} data-testid="statement-net">
          {signed(net)}
        </div>
        <div className="stmt-tile-hint">{t('statement.count', { n: s.total })}</div>
      </div>
    </div>
  );
}

const REF_TYPES = ['checkout', 'order', 'refund', 'after_sales_case'] as const;
const isRefType = (r: string): r is (typeof REF_TYPES)[number] => REF_TYPES.some((x) => x === r);

function signed(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : fen < 0 ? `-${formatFen(-fen)}` : formatFen(0);
}

function Lines({ s }: { s: Statement }) {
  const { t, lang } = useI18n();
  return (
    <table className="mc-table stmt-table" data-testid="statement-lines">
      <thead>
        <tr>
          <th>{t('statement.col.time')}</th>
          <th>{t('statement.col.kind')}</th>
          <th>{t('statement.col.memo')}</th>
          <th>{t('statement.col.ref')}</th>
          <th className="num">{t('statement.col.amount')}</th>
          <th className="num">{t('statement.col.after')}</th>
        </tr>
      </thead>
      <tbody>
        {s.items.map((l) => {
          const group = kindGroup(l.kind);
          return (
            <tr key={`${l.entryId}`} data-testid="statement-line" data-kind={l.kind}>
              <td className="nowrap">{formatTime(l.at, lang)}</td>
              <td>
                <span className={`kind kind-${group}`} title={l.kind}>
                  {t(`statement.kind.${group}`)}
                </span>
              </td>
              <td className="stmt-memo">{l.memo || <span className="muted">—</span>}</td>
              <td>
                <div className="muted small">{t(`statement.ref.${isRefType(l.refType) ? l.refType : 'other'}`)}</div>
                <div className="mono small">{l.refId}</div>
              </td>
              <td className={`num stmt-amt ${l.amountFen >= 0 ? 'amt-in' : 'amt-out'}`}>{signed(l.amountFen)}</td>
              <td className="num">{formatFen(l.payableAfterFen)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
