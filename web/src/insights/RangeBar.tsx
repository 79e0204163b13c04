// The dashboards' date range: presets (last 7 / 30 / 90 China days, today included) and a custom
// from–to. The range lives in the URL (?from=&to=) so a view can be bookmarked or shared. A custom
// range goes to the server as typed: its 400 (reversed, too long, no such day) is shown here,
// naming the field, rather than guessed at in the browser.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { useI18n, type Translate } from '../i18n';
import { presetOf, presetRange, RANGE_PRESETS, type DayRange } from './format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range in the URL, or the last 30 days. */
export function useRange(): [DayRange, (r: DayRange) => void] {
  const [params, setParams] = useSearchParams();
  const from = params.get('from');
  const to = params.get('to');
  const range = from && to ? { from, to } : presetRange(30);
  const set = (r: DayRange) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('from', r.from);
        next.set('to', r.to);
        return next;
      },
      { replace: true },
    );
  return [range, set];
}

/** The field a range problem names (`from`, `to`; Ajv's `querystring.from` too), or null. */
export function rangeField(err: unknown): 'from' | 'to' | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const f = err.problem.field ?? err.problem.errors?.[0]?.field ?? '';
  const name = f.replace(/^querystring\./, '');
  return name === 'from' || name === 'to' ? name : null;
}

/** A range problem in the reader's language (the server's detail is English). */
export function rangeMessage(err: ApiError, t: Translate): string {
  const d = err.problem.detail ?? '';
  const reversed = /reversed: (\S+) is after (\S+)/.exec(d);
  if (reversed) return t('ins.range.reversed', { from: reversed[1]!, to: reversed[2]! });
  const long = /At most (\d+) days at once \(asked (\d+)\)/.exec(d);
  if (long) return t('ins.range.tooLong', { max: long[1]!, asked: long[2]! });
  return t('ins.range.notDay');
}

export function RangeProblem({ error }: { error: unknown }) {
  const { t } = useI18n();
  const field = rangeField(error);
  if (!field || !(error instanceof ApiError)) return null;
  return (
    <div className="ins-range-error" role="alert" data-testid="insights-range-error">
      <strong>{t('ins.range.error')}</strong>
      <span>
        {t(`ins.range.field.${field}`)}：{rangeMessage(error, t)}
      </span>
    </div>
  );
}

export function RangeBar({ range, onChange, error, days }: { range: DayRange; onChange: (r: DayRange) => void; error?: unknown; days?: number }) {
  const { t } = useI18n();
  const preset = presetOf(range);
  const bad = rangeField(error);
  return (
    <div className="ins-rangebar" data-testid="insights-range">
      <div className="seg" role="group" aria-label={t('ins.range.custom')}>
        {RANGE_PRESETS.map((p) => (
          <button key={p} type="button" className={`seg-item seg-btn ${preset === p ? 'on' : ''}`} aria-pressed={preset === p} onClick={() => onChange(presetRange(p))} data-testid={`insights-range-${p}`}>
            {t('ins.range.days', { n: p })}
          </button>
        ))}
      </div>
      {/* Keyed by the range so a preset click resets what was typed. */}
      <CustomRange key={`${range.from}|${range.to}`} range={range} bad={bad} onChange={onChange} />
      {days !== undefined && !bad && (
        <span className="muted small" data-testid="insights-range-label">
          {t('ins.range.label', { from: range.from, to: range.to, days })}
        </span>
      )}
    </div>
  );
}

function CustomRange({ range, bad, onChange }: { range: DayRange; bad: 'from' | 'to' | null; onChange: (r: DayRange) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(range);
  const ok = DAY.test(draft.from) && DAY.test(draft.to);
  function apply(e: FormEvent) {
    e.preventDefault();
    if (ok) onChange(draft);
  }
  return (
    <form className="ins-custom" onSubmit={apply}>
      <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} aria-label={t('ins.range.from')} aria-invalid={bad === 'from' || undefined} data-testid="insights-from" />
      <span className="muted">—</span>
      <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} aria-label={t('ins.range.to')} aria-invalid={bad === 'to' || undefined} data-testid="insights-to" />
      <button type="submit" className="btn btn-ghost btn-sm" disabled={!ok} data-testid="insights-apply">
        {t('ins.range.apply')}
      </button>
    </form>
  );
}
