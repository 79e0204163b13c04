// Small parts of the dashboards: a figure's definition (ⓘ with a tooltip), KPI cards, the
// definitions list and the CSV export button.
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Definitions } from '../typesInsights';
import { downloadCsv } from './insightsApi';
import './insights.css';

/** A definition from a response, in the reader's language ('' when the server sent none). */
export function useDef(defs: Definitions | undefined): (key: string) => string {
  const { lang } = useI18n();
  return (key) => {
    const d = defs?.[key];
    return d ? d[lang] : '';
  };
}

/** ⓘ that shows a figure's definition on hover and on keyboard focus. */
export function DefTip({ text, testId }: { text: string; testId?: string }) {
  const { t } = useI18n();
  if (!text) return null;
  return (
    <span className="ins-tip" tabIndex={0} aria-label={`${t('ins.def')}: ${text}`} data-testid={testId}>
      ⓘ
      <span className="ins-tip-body" role="tooltip">
        {text}
      </span>
    </span>
  );
}

export interface KpiItem {
  id: string;
  label: string;
  value: string;
  sub?: string;
  def: string;
}

export function KpiGrid({ items, testId = 'insights-kpis' }: { items: KpiItem[]; testId?: string }) {
  return (
    <div className="ins-kpis" data-testid={testId}>
      {items.map((k, i) => (
        <div key={k.id} className={`ins-kpi ${i === 0 ? 'ins-kpi-main' : ''}`} data-testid={`kpi-${k.id}`}>
          <div className="ins-kpi-label">
            {k.label}
            <DefTip text={k.def} testId={`kpi-${k.id}-def`} />
          </div>
          <div className="ins-kpi-value" data-testid={`kpi-${k.id}-value`}>
            {k.value}
          </div>
          {k.sub && <div className="ins-kpi-sub">{k.sub}</div>}
        </div>
      ))}
    </div>
  );
}

/** Every definition the page shows, spelled out (指标说明). */
export function DefinitionList({ items }: { items: Array<{ label: string; text: string }> }) {
  const { t } = useI18n();
  return (
    <details className="mc-card ins-defs" data-testid="insights-definitions" open>
      <summary className="mc-card-title">{t('ins.defs')}</summary>
      <dl>
        {items
          .filter((d) => d.text)
          .map((d) => (
            <div key={d.label}>
              <dt>{d.label}</dt>
              <dd>{d.text}</dd>
            </div>
          ))}
      </dl>
    </details>
  );
}

/** A button that fetches a CSV and saves it; says what it saved or why it could not. */
export function ExportButton({ path, fallbackName, label, testId }: { path: string; fallbackName: string; label: string; testId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string; title?: string } | null>(null);
  async function go() {
    setBusy(true);
    setMsg(null);
    try {
      setMsg({ ok: true, text: `✓ ${t('ins.export.done')}`, title: await downloadCsv(path, fallbackName) });
    } catch (err) {
      setMsg({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="ins-export">
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => void go()} disabled={busy} data-testid={testId}>
        <DownloadIcon />
        {busy ? t('ins.export.busy') : label}
      </button>
      {msg && (
        <span className={msg.ok ? 'form-ok small' : 'field-error'} role="status" title={msg.title ?? msg.text} data-testid={`${testId}-msg`}>
          {msg.text}
        </span>
      )}
    </span>
  );
}

function DownloadIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M8 2v8M4.5 6.8 8 10.2l3.5-3.4M3 13.5h10" />
    </svg>
  );
}

/** A card with a title, an optional ⓘ and actions on the right. */
export function Card({ title, def, actions, children, className, testId }: { title: string; def?: string; actions?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`mc-card ins-card ${className ?? ''}`} data-testid={testId}>
      <div className="ins-card-head">
        <h2 className="mc-card-title">
          {title}
          {def !== undefined && <DefTip text={def} />}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
