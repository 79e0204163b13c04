// 商品 / 视频 / 直播 on the store page: sticky under the top bar, with the videos' count and a
// pulsing dot while the store is live.
import { useI18n } from '../i18n';

export type StoreTab = 'goods' | 'videos' | 'live';
export const STORE_TABS: StoreTab[] = ['goods', 'videos', 'live'];

const LABEL = { goods: 'storePage.tabGoods', videos: 'storePage.tabVideos', live: 'storePage.tabLive' } as const;

export function StoreTabs({ tab, onTab, videoCount, onAir }: { tab: StoreTab; onTab: (tab: StoreTab) => void; videoCount: number | null; onAir: boolean }) {
  const { t } = useI18n();
  return (
    <div className="store-tabs" role="tablist" aria-label={t('storePage.tabs')}>
      {STORE_TABS.map((v) => (
        <button key={v} type="button" role="tab" id={`store-tab-${v}`} aria-selected={tab === v} aria-controls={`store-panel-${v}`} className={`store-tab ${tab === v ? 'on' : ''}`} onClick={() => onTab(v)} data-testid={`store-tab-${v}`}>
          {t(LABEL[v])}
          {v === 'videos' && videoCount !== null && videoCount > 0 && <span className="store-tab-count">{videoCount}</span>}
          {v === 'live' && onAir && <span className="store-tab-live" aria-hidden="true" />}
        </button>
      ))}
    </div>
  );
}
