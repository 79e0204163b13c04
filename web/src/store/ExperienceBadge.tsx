// 商家体验分 on the store page. The score does not exist yet (a later issue computes it); this is
// its slot: it renders nothing unless a score is passed, so no shopper ever sees a made-up number.
import { useI18n } from '../i18n';

export function ExperienceScoreBadge({ score }: { score?: number | null }) {
  const { t } = useI18n();
  if (score === undefined || score === null || !Number.isFinite(score)) return null;
  return (
    <span className="store-exp" data-testid="store-experience">
      {t('storePage.experience')} <strong>{Number(score.toFixed(2))}</strong>
    </span>
  );
}
