// 分发策略 (/ops/distribution): what the feed optimises for (objective values), the traffic pools
// (sizes, promotion bar, negative-feedback cap, exploration slots) and the diversity rules, saved
// with PUT and applied at once; beside them, the engine at work and its models' weights.
import { useState } from 'react';
import { ApiError, errorMessage } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { feedApi } from '../feed/feedApi';
import { useI18n } from '../i18n';
import type { MessageKey } from '../zh';
import type { DistributionView } from '../types';
import { TrainedPanel } from './TrainedPanel';
import { foldErrors, formOf, parse, type Errors, type Field, type Form } from './distributionForm';

export function DistributionPage() {
  const view = useLoad(() => feedApi.distribution(), []);
  if (view.loading && !view.data) return <Loading />;
  if (view.error || !view.data) return <ErrorBox error={view.error} onRetry={view.reload} />;
  return <Editor view={view.data} onSaved={view.setData} />;
}

function Editor({ view, onSaved }: { view: DistributionView; onSaved: (v: DistributionView) => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<Form>(() => formOf(view.settings));
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const parsed = parse(form, t);
    setErrors(parsed.errors);
    if (!parsed.settings) return setNote({ ok: false, text: t('editor.fixErrors') });
    setBusy(true);
    setNote(null);
    try {
      const saved = await feedApi.saveDistribution(parsed.settings);
      onSaved(saved);
      setForm(formOf(saved.settings));
      setNote({ ok: true, text: t('ops.saved') });
    } catch (err) {
      const fields = err instanceof ApiError ? foldErrors(err.fieldErrors()) : {};
      setErrors(fields);
      setNote({ ok: false, text: Object.keys(fields).length > 0 ? t('editor.fixErrors') : errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  const input = (f: Field, label: MessageKey, opts: { step?: string; wide?: boolean } = {}) => (
    <label className={`field ${errors[f] ? 'field-invalid' : ''} ${opts.wide ? 'ops-wide' : ''}`}>
      <span className="field-label">{t(label)}</span>
      <input
        inputMode="decimal"
        value={form[f]}
        onChange={(e) => setForm((old) => ({ ...old, [f]: e.target.value }))}
        aria-invalid={errors[f] ? true : undefined}
        data-testid={`ops-${f.replace('.', '-')}`}
      />
      {errors[f] && (
        <span className="field-error" data-testid={`ops-error-${f.replace('.', '-')}`}>
          {errors[f]}
        </span>
      )}
    </label>
  );

  return (
    <div className="ops-page">
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('ops.title')}</h1>
          <p className="muted" data-testid="ops-updated">
            {view.updatedAt ? t('ops.updatedAt', { at: new Date(view.updatedAt).toLocaleString() }) : t('ops.neverUpdated')}
          </p>
        </div>
      </div>
      <div className="ops-grid">
        <div>
          <section className="mc-card">
            <h2 className="mc-card-title">{t('ops.objective')}</h2>
            <p className="muted small ops-hint">{t('ops.objectiveHint')}</p>
            <div className="ops-fields ops-4">
              {input('objective.finish', 'ops.obj.finish')}
              {input('objective.engage', 'ops.obj.engage')}
              {input('objective.tap', 'ops.obj.tap')}
              {input('objective.purchase', 'ops.obj.purchase')}
            </div>
          </section>
          <section className="mc-card">
            <h2 className="mc-card-title">{t('ops.pools')}</h2>
            <div className="ops-fields ops-3">
              {input('pools.sizes', 'ops.poolSizes', { wide: true })}
              {input('pools.promoteRatio', 'ops.promoteRatio')}
              {input('pools.maxNegativeRate', 'ops.maxNegativeRate')}
              {input('pools.slotsPerPage', 'ops.slotsPerPage')}
            </div>
          </section>
          <section className="mc-card">
            <h2 className="mc-card-title">{t('ops.diversity')}</h2>
            <div className="ops-fields ops-4">
              {input('authorGap', 'ops.authorGap')}
              {input('categoryPerTen', 'ops.categoryPerTen')}
              {input('campaignShare', 'ops.campaignShare')}
              {input('seenTtlHours', 'ops.seenTtlHours')}
            </div>
          </section>
          <div className="editor-bar ops-bar">
            {note && (
              <p className={note.ok ? 'form-ok' : 'form-error'} data-testid="ops-note" role={note.ok ? 'status' : 'alert'}>
                {note.text}
              </p>
            )}
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => { setForm(formOf(view.settings)); setErrors({}); setNote(null); }}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()} data-testid="ops-save">
              {t('common.save')}
            </button>
          </div>
        </div>
        <EnginePanel engine={view.engine} />
      </div>
    </div>
  );
}

const STATS = ['videos', 'liveRooms', 'goods', 'viewers', 'signals', 'modelUpdates'] as const;

function EnginePanel({ engine }: { engine: DistributionView['engine'] }) {
  const { t, lang } = useI18n();
  const models = Object.keys(engine.models);
  const features = [...new Set(models.flatMap((m) => Object.keys(engine.models[m] ?? {})))];
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  return (
    <aside className="ops-side">
      <section className="mc-card" data-testid="ops-engine">
        <h2 className="mc-card-title">{t('ops.engine')}</h2>
        <dl className="ops-stats">
          {STATS.map((k) => (
            <div key={k}>
              <dt>{t(`ops.engine.${k}`)}</dt>
              <dd data-testid={`ops-engine-${k}`}>{n(engine[k])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <TrainedPanel trained={engine.trained} />
      <section className="mc-card" data-testid="ops-models">
        <h2 className="mc-card-title">{t('ops.models')}</h2>
        {models.length === 0 ? (
          <p className="muted">{t('ops.models.none')}</p>
        ) : (
          <div className="mc-table-wrap ops-models-wrap">
            <table className="mc-table ops-models">
              <thead>
                <tr>
                  <th>{t('ops.models.feature')}</th>
                  {models.map((m) => (
                    <th key={m} className="num">
                      {modelName(m, t)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {features.map((f) => (
                  <tr key={f}>
                    <td>
                      <code>{f}</code>
                    </td>
                    {models.map((m) => {
                      const w = engine.models[m]?.[f];
                      return (
                        <td key={m} className={`num ${w === undefined ? '' : w > 0 ? 'ops-pos' : w < 0 ? 'ops-neg' : ''}`}>
                          {w === undefined ? '–' : w.toFixed(3)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </aside>
  );
}

function modelName(m: string, t: (k: MessageKey) => string): string {
  return m === 'finish' || m === 'engage' || m === 'tap' || m === 'purchase' ? t(`ops.obj.${m}`).replace(/（.*）|\s*\(.*\)/, '') : m;
}
