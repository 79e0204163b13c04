// 作品管理 (/studio): my videos in any state, with poster, status, duration, plays and likes,
// goods; hide/show and delete. Refreshes itself while any video is processing.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../api';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Video, VideoStatus } from '../types';
import { formatDuration, videoApi } from '../video/videoApi';
import { StatusBadge } from './StatusPanel';

const FILTERS: (VideoStatus | 'all')[] = ['all', 'ready', 'processing', 'failed', 'awaiting_upload'];
const PAGE = 20;

export function StudioList() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<VideoStatus | 'all'>('all');
  const [page, setPage] = useState(0);
  const list = useLoad(() => videoApi.mine({ status: filter === 'all' ? undefined : filter, limit: PAGE, offset: page * PAGE }), [filter, page]);
  const [actionError, setActionError] = useState<string | null>(null);
  const { reload } = list;
  const processing = list.data?.items.some((v) => v.status === 'processing') ?? false;

  useEffect(() => {
    if (!processing) return;
    const timer = window.setInterval(reload, 3000);
    return () => window.clearInterval(timer);
  }, [processing, reload]);

  async function run(work: () => Promise<unknown>) {
    setActionError(null);
    try {
      await work();
      reload();
    } catch (err) {
      setActionError(errorMessage(err));
    }
  }
  const toggle = (v: Video) => void run(() => videoApi.update(v.id, { visibility: v.visibility === 'public' ? 'hidden' : 'public' }));
  const remove = (v: Video) => {
    if (window.confirm(t('studio.deleteConfirm', { title: v.title }))) void run(() => videoApi.remove(v.id));
  };

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE)) : 1;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('studio.nav.videos')}</h1>
          <p className="muted">{t('studio.listIntro')}</p>
        </div>
        <Link to="/studio/new" className="btn btn-primary" data-testid="studio-new">
          + {t('studio.nav.upload')}
        </Link>
      </div>
      <div className="chips chips-wrap studio-filters">
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`chip ${filter === f ? 'chip-on' : ''}`} onClick={() => (setFilter(f), setPage(0))} data-testid={`studio-filter-${f}`}>
            {t(`studio.filter.${f}`)}
          </button>
        ))}
      </div>
      {actionError && <p className="form-error">{actionError}</p>}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error || !list.data ? (
        <ErrorBox error={list.error} onRetry={reload} />
      ) : list.data.items.length === 0 ? (
        <Empty text={filter === 'all' ? t('studio.empty') : t('studio.emptyFilter')} />
      ) : (
        <div className="mc-card mc-table-wrap">
          <div className="muted small mc-table-meta">{t('studio.total', { n: list.data.total })}</div>
          <table className="mc-table studio-table" data-testid="studio-videos">
            <thead>
              <tr>
                <th className="col-poster">{t('studio.col.poster')}</th>
                <th>{t('studio.col.title')}</th>
                <th>{t('studio.col.status')}</th>
                <th className="num">{t('studio.col.views')}</th>
                <th className="num">{t('studio.col.likes')}</th>
                <th className="num">{t('studio.col.products')}</th>
                <th>{t('studio.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((v) => (
                <tr key={v.id} data-testid="studio-video-row" data-video-id={v.id}>
                  <td className="col-poster">
                    <Link to={`/studio/videos/${v.id}`} className="poster">
                      {v.posterUrl ? <img src={v.posterUrl} alt="" loading="lazy" /> : <span className="poster-empty">{v.status === 'processing' ? <span className="spinner" /> : '▶'}</span>}
                      {v.durationMs !== null && <span className="poster-time">{formatDuration(v.durationMs)}</span>}
                    </Link>
                  </td>
                  <td>
                    <Link to={`/studio/videos/${v.id}`} className="mc-link studio-title">
                      {v.title}
                    </Link>
                    <div className="studio-tags">
                      {v.topic && <span className="studio-tag studio-topic">{v.topic}</span>}
                      {v.tags.map((x) => (
                        <span key={x} className="studio-tag">
                          #{x}
                        </span>
                      ))}
                    </div>
                    <div className="muted small">{new Date(v.createdAt).toLocaleString()}</div>
                  </td>
                  <td>
                    <StatusBadge video={v} />
                    {v.status === 'failed' && <div className="studio-reason small">{v.failureCode ? t(`studio.failure.${v.failureCode}`) : t('studio.failedUnknown')}</div>}
                  </td>
                  <td className="num">{v.viewCount}</td>
                  <td className="num">{v.likeCount}</td>
                  <td className="num" data-testid="studio-product-count">
                    {v.products.length}
                  </td>
                  <td className="actions">
                    <Link to={`/studio/videos/${v.id}`}>{t('common.edit')}</Link>
                    {v.status === 'ready' && (
                      <button type="button" className="link-btn" onClick={() => toggle(v)} data-testid={`toggle-${v.id}`}>
                        {v.visibility === 'public' ? t('studio.hide') : t('studio.show')}
                      </button>
                    )}
                    {v.status === 'ready' && v.visibility === 'public' && <Link to={`/videos/${v.id}`}>{t('common.view')}</Link>}
                    <button type="button" className="link-btn danger" onClick={() => remove(v)} data-testid={`delete-${v.id}`}>
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <div className="pager">
              <button type="button" className="btn btn-ghost btn-sm" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
                {t('statement.prev')}
              </button>
              <span className="muted small">{t('statement.page', { page: page + 1, pages })}</span>
              <button type="button" className="btn btn-ghost btn-sm" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
                {t('statement.next')}
              </button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
