// 为什么推荐: the reason in words and the predicted probabilities as small bars.
import { Sheet } from '../components/Sheet';
import { useI18n } from '../i18n';
import type { FeedReason } from '../types';
import { BAR_FACTORS, reasonText } from './reason';

export function WhySheet({ reason, onClose }: { reason: FeedReason; onClose: () => void }) {
  const { t, lang } = useI18n();
  const bars = BAR_FACTORS.filter((k) => typeof reason.factors[k] === 'number');
  const experience = reason.factors.experience;
  return (
    <Sheet title={t('feed.whyTitle')} onClose={onClose} testId="why-sheet">
      <div className="why">
        <p className="why-reason" data-testid="why-reason" data-source={reason.source}>
          <span className={`why-source why-${reason.source}`} aria-hidden="true" />
          {reasonText(reason, t, lang)}
        </p>
        <p className="why-explain">{t('feed.reason.explain')}</p>
        {bars.length > 0 && (
          <div className="why-factors">
            <h3 className="why-factors-title">{t('feed.reason.predicted')}</h3>
            {bars.map((k) => {
              const p = Math.max(0, Math.min(1, reason.factors[k] ?? 0));
              return (
                <div key={k} className="why-bar" data-testid={`why-factor-${k}`}>
                  <span className="why-bar-label">{t(`feed.factor.${k}`)}</span>
                  <span className="why-bar-track">
                    <span style={{ width: `${Math.max(2, Math.round(p * 100))}%` }} />
                  </span>
                  <span className="why-bar-value">{formatPercent(p)}</span>
                </div>
              );
            })}
            {typeof experience === 'number' && <p className="why-exp muted small">{t('feed.factor.experience', { n: experience.toFixed(2) })}</p>}
          </div>
        )}
      </div>
    </Sheet>
  );
}

export function formatPercent(p: number): string {
  const v = p * 100;
  return `${v >= 10 || v === 0 ? Math.round(v) : v.toFixed(1)}%`;
}
