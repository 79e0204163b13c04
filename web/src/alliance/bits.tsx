// Small parts the alliance pages share: plan kind and rate, creators' names, a pager, goods thumbs.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../components/OrderBits';
import { useI18n } from '../i18n';
import type { ContentType, Plan, PlanKind } from '../typesAlliance';
import { liveApi } from '../live/liveApi';
import { videoApi } from '../video/videoApi';
import { formatRate } from './allianceApi';
import './alliance.css';

export function KindTag({ kind }: { kind: PlanKind }) {
  const { t } = useI18n();
  return <span className={`al-kind al-kind-${kind}`}>{t(`alliance.kind.${kind}`)}</span>;
}

/** The rate in force, and a cut announced with the time it takes effect. */
export function PlanRate({ plan }: { plan: Plan }) {
  const { t, lang } = useI18n();
  return (
    <>
      <span className="al-rate-now">{formatRate(plan.rateBps)}</span>
      {plan.pendingRate && plan.status === 'active' && (
        <div className="al-pending" data-testid={`plan-pending-${plan.id}`}>
          {t('alliance.plan.pending', { rate: formatRate(plan.pendingRate.rateBps), at: formatTime(plan.pendingRate.effectiveAt, lang) })}
        </div>
      )}
    </>
  );
}

/** Names looked up one key at a time (fetched once each); keys whose lookup fails stay absent. */
function useNames(keys: string[], lookUp: (key: string) => Promise<string>): Map<string, string> {
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const wanted = [...new Set(keys)].sort().join('\n');
  useEffect(() => {
    let live = true;
    const missing = wanted ? wanted.split('\n').filter((k) => !names.has(k)) : [];
    if (missing.length === 0) return;
    void Promise.all(missing.map((k) => lookUp(k).then((name) => [k, name] as const, () => null))).then((found) => {
      if (!live) return;
      setNames((prev) => {
        const next = new Map(prev);
        for (const f of found) if (f) next.set(f[0], f[1]);
        return next;
      });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted]);
  return names;
}

/** Creators' display names by id (their public profile). */
export function useCreatorNames(ids: (string | null | undefined)[]): Map<string, string> {
  return useNames(
    ids.filter((x): x is string => !!x),
    (id) => videoApi.creator(id).then((c) => c.name),
  );
}

/** Titles of videos and live rooms, keyed `type:id` (the showcase has none). */
export function useContentTitles(items: { contentType: ContentType; contentId: string }[]): Map<string, string> {
  return useNames(
    items.filter((i) => i.contentType !== 'showcase').map((i) => `${i.contentType}:${i.contentId}`),
    (key) => {
      const [type, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      return type === 'live_room' ? liveApi.get(id).then((r) => r.title) : videoApi.get(id).then((v) => v.title);
    },
  );
}

/** The content's kind as a tag, then its title linking to it (a video or live room). */
export function ContentCell({ type, id, title }: { type: ContentType; id: string; title?: string }) {
  const { t } = useI18n();
  const href = contentHref(type, id);
  const tag = <span className={`al-content al-content-${type}`}>{t(`alliance.content.${type}`)}</span>;
  if (!href) return tag;
  return (
    <span className="al-content-cell">
      {tag}
      <Link to={href} className="mc-link al-content-title" title={title ?? id}>
        {title ?? <span className="mono small">{id}</span>}
      </Link>
    </span>
  );
}

export function CreatorCell({ id, name }: { id: string; name?: string | null }) {
  return (
    <>
      <div className="mc-link">{name ?? '—'}</div>
      <div className="muted small mono">{id}</div>
    </>
  );
}

export function Thumb({ url, title }: { url: string | null | undefined; title: string }) {
  return url ? <img className="al-thumb" src={url} alt="" /> : <span className="al-thumb al-thumb-empty">{Array.from(title)[0] ?? ''}</span>;
}

/** ‹ 上一页 · 第 2 / 5 页 · 下一页 › when there is more than one page. */
export function Pager({ offset, limit, total, onOffset, testId }: { offset: number; limit: number; total: number; onOffset: (offset: number) => void; testId?: string }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  if (pages <= 1) return null;
  return (
    <div className="pager" data-testid={testId}>
      <button type="button" className="btn btn-ghost btn-sm" disabled={page <= 1} onClick={() => onOffset(Math.max(0, offset - limit))}>
        ‹ {t('statement.prev')}
      </button>
      <span className="muted small">{t('statement.page', { page, pages })}</span>
      <button type="button" className="btn btn-ghost btn-sm" disabled={page >= pages} onClick={() => onOffset(offset + limit)}>
        {t('statement.next')} ›
      </button>
    </div>
  );
}

/** Where a piece of content lives in the app (the showcase has no page of its own). */
export function contentHref(type: ContentType, id: string): string | null {
  if (type === 'feed_video') return `/videos/${encodeURIComponent(id)}`;
  if (type === 'live_room') return `/live/${encodeURIComponent(id)}`;
  return null;
}
