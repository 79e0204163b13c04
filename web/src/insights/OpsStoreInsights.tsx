// A store's dashboard for operators (/ops/insights/stores/:storeId): the same view the store's
// staff see (StoreView), over any range, with the lookup to open another.
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { Card } from './bits';
import type { DayRange } from './format';
import { insightsApi } from './insightsApi';
import { RangeBar, RangeProblem, rangeField, useRange } from './RangeBar';
import { StoreLookup } from './StoreLookup';
import { StoreView } from './StoreView';

export function OpsStoreInsights() {
  const { t } = useI18n();
  const { storeId = '' } = useParams();
  const [range, setRange] = useRange();
  const store = useLoad(() => api.store(storeId), [storeId]);
  return (
    <div className="ins-page" data-testid="ops-store-insights">
      <div className="mc-head">
        <div>
          <div className="crumbs">
            <Link to="/ops/insights">{t('ins.ops.back')}</Link>
          </div>
          <h1 className="mc-title" data-testid="ops-store-insights-name">
            {t('ins.ops.storeTitle')}
            {store.data ? ` · ${store.data.name}` : ''}
          </h1>
          <p className="muted">
            {t('ins.ops.storeSubtitle')} · {storeId}
          </p>
        </div>
      </div>
      <Body key={`${storeId}|${range.from}|${range.to}`} storeId={storeId} range={range} onRange={setRange} />
      <Card title={t('ins.ops.lookup')}>
        <StoreLookup />
      </Card>
    </div>
  );
}

function Body({ storeId, range, onRange }: { storeId: string; range: DayRange; onRange: (r: DayRange) => void }) {
  const dash = useLoad(() => insightsApi.opsStore(storeId, range), [storeId, range.from, range.to]);
  return (
    <>
      <div className="mc-card ins-toolbar">
        <RangeBar range={range} onChange={onRange} error={dash.error} days={dash.data?.range.days} />
      </div>
      {rangeField(dash.error) ? (
        <RangeProblem error={dash.error} />
      ) : dash.loading && !dash.data ? (
        <Loading />
      ) : dash.error || !dash.data ? (
        <ErrorBox error={dash.error} onRetry={dash.reload} />
      ) : (
        <StoreView data={dash.data} />
      )}
    </>
  );
}
