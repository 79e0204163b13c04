// 商家体验分 on the store page: the rounded score from the public endpoint (or one passed in). It
// renders nothing while loading, on an error or when the store is not scored, so no shopper ever
// sees a made-up number.
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { storeApi } from './storeApi';

export function ExperienceScoreBadge({ storeId, score }: { storeId?: string; score?: number | null }) {
  const { t } = useI18n();
  const loaded = useLoad(() => (score === undefined && storeId ? storeApi.experience(storeId).then((r) => r.score) : Promise.resolve(null)), [storeId, score]);
  const value = score === undefined ? loaded.data : score;
  if (value === undefined || value === null || !Number.isFinite(value)) return null;
  return (
    <span className="store-exp" data-testid="store-experience">
      {t('storePage.experience')} <strong>{Math.round(value)}</strong>
    </span>
  );
}
