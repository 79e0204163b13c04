// The end of the feed's column: a spinner while more loads, a failure with retry, or "nothing more".
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';

export type LoadState = 'loading' | 'idle' | 'error' | 'end';

/** The end of the feed: loading more, a failure to retry, or nothing more (to the mall). */
export function FeedState({ state, error, empty, onRetry }: { state: LoadState; error: unknown; empty: boolean; onRetry: () => void }) {
  const { t } = useI18n();
  if (state === 'loading' || state === 'idle') return <span className="spinner" aria-label={t('feed.loadingMore')} />;
  if (state === 'error')
    return (
      <>
        <p>{errorMessage(error)}</p>
        <button type="button" className="btn btn-sm fd-end-btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      </>
    );
  return (
    <>
      <p>{empty ? t('feed.empty') : t('feed.end')}</p>
      <Link to="/" className="btn btn-primary btn-sm">
        {t('feed.toMall')}
      </Link>
    </>
  );
}
