// 客服管理 (/merchant/care): the store's desk in the last 30 days (tickets, replies, response time,
// SLA breaches) and its agents; a link to the desk itself.
import { useCallback } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { useMerchant } from '../merchant/context';
import type { AgentInput } from '../typesCare';
import { AgentsPanel } from './AgentsPanel';
import { careApi } from './careApi';

export function MerchantCare() {
  const { t } = useI18n();
  const { current } = useMerchant();
  if (!current) return <Empty text={t('merchant.needStore')} />;
  return (
    <>
      <div className="mc-head">
        <div>
          <h1 className="mc-title">{t('care.m.title')}</h1>
          <p className="muted">{current.name}</p>
        </div>
        <Link to="/desk" className="btn btn-primary" data-testid="merchant-open-desk">
          {t('care.m.openDesk')}
        </Link>
      </div>
      <Stats key={`s-${current.id}`} storeId={current.id} />
      <StoreAgents key={`a-${current.id}`} storeId={current.id} />
    </>
  );
}

function StoreAgents({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const load = useCallback(() => careApi.storeAgents(storeId), [storeId]);
  const add = useCallback((body: AgentInput) => careApi.addStoreAgent(storeId, body), [storeId]);
  return <AgentsPanel load={load} add={add} hint={t('care.m.agentHint')} />;
}

function Stats({ storeId }: { storeId: string }) {
  const { t } = useI18n();
  const stats = useLoad(() => careApi.storeStats(storeId), [storeId]);
  if (stats.loading && !stats.data) return <Loading />;
  if (stats.error || !stats.data) return <ErrorBox error={stats.error} onRetry={stats.reload} />;
  const s = stats.data;
  const tiles: { label: string; value: string; hint?: string; main?: boolean }[] = [
    { label: t('care.stats.tickets'), value: String(s.tickets), hint: t('care.stats.open', { n: s.open }), main: true },
    { label: t('care.stats.avgResponse'), value: s.avgResponseSeconds === null ? '—' : formatSeconds(s.avgResponseSeconds, t), hint: t('care.stats.replies', { n: s.replies }) },
    { label: t('care.stats.firstBreaches'), value: String(s.firstResponseBreaches) },
    { label: t('care.stats.resolveBreaches'), value: String(s.resolveBreaches) },
  ];
  return (
    <div className="stmt-summary" data-testid="care-stats">
      {tiles.map((x) => (
        <div key={x.label} className={x.main ? 'stmt-tile stmt-tile-main' : 'stmt-tile'}>
          <div className="stmt-tile-label">{x.label}</div>
          <div className="stmt-tile-value">{x.value}</div>
          <div className="stmt-tile-hint">{x.hint ?? t('care.stats.window')}</div>
        </div>
      ))}
    </div>
  );
}

function formatSeconds(s: number, t: ReturnType<typeof useI18n>['t']): string {
  if (s < 60) return t('care.stats.seconds', { n: Math.round(s) });
  if (s < 3600) return t('care.stats.minutes', { n: Math.round(s / 60) });
  return t('care.stats.hours', { n: (s / 3600).toFixed(1) });
}
