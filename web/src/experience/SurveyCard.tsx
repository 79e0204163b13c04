// The shopper's NPS survey card: what it is about, the 0–10 question as eleven buttons, an
// optional comment, submit, then thanks. Shown on 我的 and on the order page after delivery.
import { useState } from 'react';
import { errorMessage } from '../api';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Survey } from '../typesExperience';
import { experienceApi } from './experienceApi';
import './experience.css';

const MAX_COMMENT = 500;
const SCORES = Array.from({ length: 11 }, (_, i) => i);
/** The same bands as the server's arithmetic: 9–10 promote, 7–8 are passive, 0–6 detract. */
export const bandOf = (score: number) => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

/** The user's open surveys (optionally the one about an order), each as a card; nothing when none. */
export function PendingSurveys({ orderId }: { orderId?: string }) {
  const list = useLoad(() => experienceApi.pending(orderId), [orderId]);
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      {items.map((s) => (
        <SurveyCard key={s.id} survey={s} />
      ))}
    </>
  );
}

export function SurveyCard({ survey }: { survey: Survey }) {
  const { t, lang } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Survey | null>(null);

  const title = survey.title ? (survey.itemCount > 1 ? t('nps.card.orderMore', { title: survey.title, n: survey.itemCount }) : survey.title) : null;
  const about =
    survey.kind === 'order'
      ? t('nps.card.orderAbout', { store: survey.storeName ?? '', title: title ?? '' })
      : survey.storeName
        ? t('nps.card.serviceAbout', { store: survey.storeName })
        : t('nps.card.servicePlatform');

  async function submit() {
    if (score === null) return setError(t('nps.card.pick'));
    setBusy(true);
    setError(null);
    try {
      setDone(await experienceApi.answer(survey.id, { score, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  if (done?.answer) {
    return (
      <section className="card pad nps-card nps-done" data-testid="nps-thanks">
        <div className="nps-thanks-mark" aria-hidden="true">✓</div>
        <div>
          <div className="nps-title">{t('nps.card.thanks')}</div>
          <div className="muted small">{t('nps.card.thanksText', { score: done.answer.score })}</div>
        </div>
      </section>
    );
  }
  return (
    <section className="card pad nps-card" data-testid="nps-survey" data-survey={survey.id}>
      <div className="nps-head">
        {survey.imageUrl ? <img src={survey.imageUrl} alt="" /> : <span className="nps-head-ph" aria-hidden="true">{survey.kind === 'order' ? '★' : '☎'}</span>}
        <div className="nps-head-text">
          <div className="nps-title">{t('nps.card.title')}</div>
          <div className="muted small nps-about">{about}</div>
        </div>
        <span className="muted small nps-until">{t('nps.card.until', { date: new Date(survey.expiresAt).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en') })}</span>
      </div>
      <p className="nps-q">{t('nps.card.question', { who: t(survey.kind === 'order' ? 'nps.card.whoStore' : 'nps.card.whoService') })}</p>
      <div className="nps-scale" role="radiogroup" aria-label={t('nps.card.question', { who: '' })}>
        {SCORES.map((n) => (
          <button
            key={n}
            type="button"
            role="radio"
            aria-checked={score === n}
            className={`nps-score nps-${bandOf(n)}${score === n ? ' nps-on' : ''}`}
            onClick={() => {
              setScore(n);
              setError(null);
            }}
            data-testid={`nps-score-${n}`}
          >
            {n}
          </button>
        ))}
      </div>
      <div className="nps-ends muted small">
        <span>{t('nps.card.low')}</span>
        <span>{t('nps.card.high')}</span>
      </div>
      {score !== null && (
        <textarea
          className="nps-comment"
          rows={3}
          maxLength={MAX_COMMENT}
          placeholder={t('nps.card.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="nps-comment"
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="btn btn-primary btn-block" disabled={busy} onClick={() => void submit()} data-testid="nps-submit">
        {t('nps.card.submit')}
      </button>
    </section>
  );
}
