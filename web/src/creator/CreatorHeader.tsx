// The creator page's header: the avatar (the name's first character, like a store's logo), name,
// followers and works, and 关注 / 已关注 (hidden on one's own page).
import { StoreLogo, compactCount } from '../components/StoreBits';
import { useI18n } from '../i18n';
import type { Creator } from '../types';

interface Props {
  creator: Creator;
  /** Public videos, once known. */
  videoCount: number | null;
  /** The viewer is this creator: no follow button. */
  self: boolean;
  busy: boolean;
  followError: string | null;
  onToggleFollow: () => void;
}

export function CreatorHeader({ creator: c, videoCount, self, busy, followError, onToggleFollow }: Props) {
  const { t, lang } = useI18n();
  return (
    <section className="creator-head">
      <div className="creator-head-row">
        <span className="creator-avatar">
          <StoreLogo store={{ id: c.id, name: c.name, logoUrl: null }} size={68} />
        </span>
        <div className="creator-head-info">
          <h1 className="creator-name" data-testid="creator-name">
            {c.name}
          </h1>
          <div className="creator-stats">
            <span data-testid="creator-followers">
              <strong>{compactCount(c.followerCount, lang)}</strong> {t('creatorPage.followers')}
            </span>
            {videoCount !== null && (
              <span data-testid="creator-works">
                <strong>{compactCount(videoCount, lang)}</strong> {t('creatorPage.works')}
              </span>
            )}
          </div>
        </div>
      </div>
      {!self && (
        <button
          type="button"
          className={`btn creator-follow ${c.following ? 'btn-followed' : 'btn-primary'}`}
          onClick={onToggleFollow}
          disabled={busy}
          aria-pressed={c.following}
          data-testid="creator-follow"
        >
          {c.following ? t('creatorPage.following') : `+ ${t('creatorPage.follow')}`}
        </button>
      )}
      {followError && <p className="form-error">{followError}</p>}
    </section>
  );
}
