// 作品 / 橱窗 on the creator page, sticky under the top bar, each with its count once known
// (the store page's tab look, store.css).
import { useI18n } from '../i18n';

export type CreatorTab = 'videos' | 'showcase';
export const CREATOR_TABS: CreatorTab[] = ['videos', 'showcase'];

const LABEL = { videos: 'creatorPage.tabVideos', showcase: 'creatorPage.tabShowcase' } as const;

export function CreatorTabs({ tab, onTab, counts }: { tab: CreatorTab; onTab: (tab: CreatorTab) => void; counts: Record<CreatorTab, number | null> }) {
  const { t } = useI18n();
  return (
    <div className="store-tabs creator-tabs" role="tablist" aria-label={t('creatorPage.tabs')}>
      {CREATOR_TABS.map((v) => {
        const n = counts[v];
        return (
          <button key={v} type="button" role="tab" id={`creator-tab-${v}`} aria-selected={tab === v} aria-controls={`creator-panel-${v}`} className={`store-tab ${tab === v ? 'on' : ''}`} onClick={() => onTab(v)} data-testid={`creator-tab-${v}`}>
            {t(LABEL[v])}
            {n !== null && n > 0 && <span className="store-tab-count">{n}</span>}
          </button>
        );
      })}
    </div>
  );
}
