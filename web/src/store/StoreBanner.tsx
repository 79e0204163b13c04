// The store page's banner: logo (ringed and linked to the room while the store is live), name,
// badges, the experience-score slot, followers and goods, the follow button, 你与本店.
import { Link } from 'react-router';
import { StoreBadges, StoreLogo, compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import { LiveBars } from '../live/LiveIcons';
import type { Room, StoreDetail } from '../types';
import type { StoreHistory } from '../typesStore';
import { ExperienceScoreBadge } from './ExperienceBadge';
import { YouAndStore } from './YouAndStore';

interface Props {
  store: StoreDetail;
  /** The store's room on air now, if any. */
  onAir: Room | null;
  /** The signed-in shopper's history here; null when signed out or unknown. */
  history: StoreHistory | null | undefined;
  /** 商家体验分 when the caller has it; absent, the badge loads it from the public endpoint. */
  experienceScore?: number | null;
  busy: boolean;
  followError: string | null;
  onToggleFollow: () => void;
}

export function StoreBanner({ store: s, onAir, history, experienceScore, busy, followError, onToggleFollow }: Props) {
  const { t, lang } = useI18n();
  const logo = <StoreLogo store={s} size={60} />;
  return (
    <section className="store-banner">
      <div className="store-banner-row">
        {onAir ? (
          <Link to={`/live/${onAir.id}`} className="store-logo-live" aria-label={t('storePage.enterLive')} data-testid="store-live-ring">
            {logo}
            <span className="store-logo-live-tag">{t('live.onAir')}</span>
          </Link>
        ) : (
          logo
        )}
        <div className="store-banner-info">
          <h1 className="store-name" data-testid="store-name">{s.name}</h1>
          <div className="store-badges">
            <StoreBadges store={s} />
            <ExperienceScoreBadge storeId={s.id} score={experienceScore} />
          </div>
          <div className="store-stats">
            <span data-testid="follower-count">{t('store.followers', { n: compactCount(s.followerCount, lang) })}</span>
            <span>{t('store.productCount', { n: s.productCount })}</span>
          </div>
        </div>
        <button type="button" className={`btn btn-sm ${s.viewer.following ? 'btn-followed' : 'btn-primary'}`} onClick={onToggleFollow} disabled={busy} data-testid="follow-button" aria-pressed={s.viewer.following}>
          {s.viewer.following ? t('store.following') : t('store.follow')}
        </button>
      </div>
      {s.description && <p className="store-desc">{s.description}</p>}
      <YouAndStore following={s.viewer.following} history={history} />
      {onAir && (
        <Link to={`/live/${onAir.id}`} className="store-onair" data-testid="store-onair">
          <LiveBars /> <span className="store-onair-text">{t('storePage.onAirBanner')} · {onAir.title}</span>
          <span className="store-onair-go">{t('storePage.enterLive')} ›</span>
        </Link>
      )}
      {followError && <p className="form-error">{followError}</p>}
      {s.status !== 'active' && <p className="notice">{t('store.notActive', { status: s.status })}</p>}
    </section>
  );
}
