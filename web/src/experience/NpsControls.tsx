// The report's controls: window (30/90/180 days), trend buckets (days or ISO weeks) and, for
// operators, which surveys (all, after delivery, after service).
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import type { NpsBucket, SurveyKind } from '../typesExperience';
import type { ReportWindow } from './experienceApi';

const WINDOWS = [30, 90, 180] as const;
type Days = (typeof WINDOWS)[number];
const DAY_MS = 86_400_000;

export interface Controls {
  days: Days;
  bucket: NpsBucket;
  kind: SurveyKind | 'all';
}

/** The controls' state and the report window they ask for (to = now when they change). */
export function useControls(): [Controls, (c: Partial<Controls>) => void, ReportWindow] {
  const [c, setC] = useState<Controls>({ days: 90, bucket: 'week', kind: 'all' });
  const query = useMemo<ReportWindow>(() => {
    const to = new Date();
    return { from: new Date(to.getTime() - c.days * DAY_MS).toISOString(), to: to.toISOString(), bucket: c.bucket, ...(c.kind === 'all' ? {} : { kind: c.kind }) };
  }, [c]);
  return [c, (next) => setC((old) => ({ ...old, ...next })), query];
}

export function ControlBar({ value, onChange, kinds = false }: { value: Controls; onChange: (c: Partial<Controls>) => void; kinds?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="nps-controls">
      <select value={value.days} onChange={(e) => onChange({ days: Number(e.target.value) as Days })} aria-label={t('nps.trend')} data-testid="nps-window">
        {WINDOWS.map((d) => (
          <option key={d} value={d}>
            {t(`nps.window.${d}`)}
          </option>
        ))}
      </select>
      <div className="seg" role="group">
        {(['day', 'week'] as const).map((b) => (
          <button key={b} type="button" className={`seg-item seg-btn ${value.bucket === b ? 'on' : ''}`} aria-pressed={value.bucket === b} onClick={() => onChange({ bucket: b })} data-testid={`nps-bucket-${b}`}>
            {t(`nps.bucket.${b}`)}
          </button>
        ))}
      </div>
      {kinds && (
        <div className="seg" role="group">
          {(['all', 'order', 'service'] as const).map((k) => (
            <button key={k} type="button" className={`seg-item seg-btn ${value.kind === k ? 'on' : ''}`} aria-pressed={value.kind === k} onClick={() => onChange({ kind: k })} data-testid={`nps-kind-${k}`}>
              {t(`nps.kind.${k}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
