// Small pieces the mall pages share: rank badges, the 近7天已售 line, category names and lookups.
import { compactCount } from '../components/StoreBits';
import { useI18n, type Lang } from '../i18n';
import type { Category } from '../types';
import type { CategoryRef } from '../typesMall';

export const catName = (c: Pick<CategoryRef, 'nameZh' | 'nameEn'>, lang: Lang) => (lang === 'zh' ? c.nameZh : c.nameEn);

/** Where an id sits in the tree: its root, and the leaf when the id is one. */
export function locate(tree: Category[], id: string): { root: Category; leaf: Category | null } | null {
  for (const root of tree) {
    if (root.id === id) return { root, leaf: null };
    const leaf = root.children.find((c) => c.id === id);
    if (leaf) return { root, leaf };
  }
  return null;
}

/** The rank as a badge: gold, silver and bronze for the top three, plain after. */
export function RankBadge({ rank, variant = 'tag' }: { rank: number; variant?: 'tag' | 'big' }) {
  const { t } = useI18n();
  const medal = rank === 1 ? 'gold' : rank === 2 ? 'silver' : rank === 3 ? 'bronze' : 'plain';
  return (
    <span className={`rank-badge rank-${variant} rank-${medal}`} aria-label={t('mall.rankNo', { n: rank })} data-testid="rank-badge">
      {variant === 'tag' && rank <= 3 ? `TOP${rank}` : rank}
    </span>
  );
}

/** 近7天已售 N */
export function SoldLine({ units, days }: { units: number; days: number }) {
  const { t, lang } = useI18n();
  return (
    <span className="sold-line" data-testid="sold-line">
      {t('mall.sold', { days, n: compactCount(units, lang) })}
    </span>
  );
}
