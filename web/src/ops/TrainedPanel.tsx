// 模型训练: when each engine's model (item graph + interest vectors) was last retrained on the
// signals, on how much, and a button to retrain now (the server trains on a worker thread).
import { useState } from 'react';
import { errorMessage } from '../api';
import { feedApi } from '../feed/feedApi';
import { useI18n } from '../i18n';
import type { RetrainResult, TrainedInfo } from '../types';

export function TrainedPanel({ trained }: { trained: RetrainResult }) {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(trained);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = (x: number) => x.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');

  async function retrain() {
    setBusy(true);
    setError(null);
    try { setNow(await feedApi.retrain()); } catch (err) { setError(errorMessage(err)); } finally { setBusy(false); }
  }

  const row = (key: 'content' | 'goods', info: TrainedInfo | null) => (
    <div key={key} className="ops-trained" data-testid={`ops-trained-${key}`}>
      <h3>{t(`ops.trained.${key}`)}</h3>
      {info ? (
        <dl className="ops-stats">
          <div><dt>{t('ops.trained.version')}</dt><dd>v{info.version}</dd></div>
          <div><dt>{t('ops.trained.at')}</dt><dd>{new Date(info.trainedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')}</dd></div>
          <div><dt>{t('ops.trained.events')}</dt><dd>{n(info.events)}</dd></div>
          <div><dt>{t('ops.trained.items')}</dt><dd>{n(info.items)}</dd></div>
          <div><dt>{t('ops.trained.vectors')}</dt><dd>{info.vectors ? t('ops.trained.blend', { w: info.blend }) : t('ops.trained.graphOnly')}</dd></div>
          <div><dt>{t('ops.trained.ms')}</dt><dd>{n(info.ms)} ms</dd></div>
        </dl>
      ) : (
        <p className="muted">{t('ops.trained.none')}</p>
      )}
    </div>
  );

  return (
    <section className="mc-card" data-testid="ops-trained">
      <h2 className="mc-card-title">{t('ops.trained')}</h2>
      {row('content', now.content)}
      {row('goods', now.goods)}
      {error && <p className="form-error">{error}</p>}
      <button type="button" className="btn" disabled={busy} onClick={() => void retrain()} data-testid="ops-retrain">
        {busy ? t('ops.trained.running') : t('ops.trained.retrain')}
      </button>
    </section>
  );
}
