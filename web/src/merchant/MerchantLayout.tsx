import { useMemo, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { ConsoleFrame, ConsoleGate } from '../components/Console';
import { ErrorBox, Loading } from '../components/States';
import { StoreLogo } from '../components/StoreBits';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import { saveStoreId, savedStoreId, type MerchantCtx } from './context';

export function MerchantLayout() {
  const { t } = useI18n();
  const { user, loading, hasRole } = useAuth();

  if (loading) return <Loading />;
  if (!user || !hasRole('merchant')) {
    return <ConsoleGate title={t('merchant.console')} message={user ? t('merchant.notMerchant') : t('merchant.signInFirst')} loginTestId="merchant-login-link" />;
  }
  return <MerchantShell />;
}

function MerchantShell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const stores = useLoad(() => api.myStores(), []);
  const categories = useLoad(() => api.categories(), []);
  const [chosen, setChosen] = useState<string | null>(savedStoreId);

  const ctx = useMemo<MerchantCtx>(() => {
    const list = stores.data ?? [];
    const current = list.find((s) => s.id === chosen) ?? list[0] ?? null;
    return {
      stores: list,
      current,
      selectStore: (id) => {
        saveStoreId(id);
        setChosen(id);
      },
      reloadStores: stores.reload,
      categories: categories.data ?? [],
    };
  }, [stores.data, stores.reload, chosen, categories.data]);

  const nav = (
    <>
      <NavLink to="/merchant" end className="mc-nav-item">
        {t('merchant.nav.products')}
      </NavLink>
      <NavLink to={ctx.current ? `/merchant/products/new?store=${ctx.current.id}` : '/merchant'} className="mc-nav-item">
        {t('merchant.nav.newProduct')}
      </NavLink>
      <NavLink to="/merchant/orders" className="mc-nav-item" data-testid="merchant-orders-nav">
        {t('merchant.nav.orders')}
      </NavLink>
      <NavLink to="/merchant/after-sales" className="mc-nav-item" data-testid="merchant-after-sales-nav">
        {t('merchant.nav.afterSales')}
      </NavLink>
      <NavLink to="/merchant/coupons" className="mc-nav-item" data-testid="merchant-coupons-nav">
        {t('merchant.nav.coupons')}
      </NavLink>
      <NavLink to="/merchant/statement" className="mc-nav-item" data-testid="merchant-statement-nav">
        {t('merchant.nav.statement')}
      </NavLink>
      <NavLink to="/merchant/insights" className="mc-nav-item" data-testid="merchant-insights-nav">
        {t('ins.m.nav')}
      </NavLink>
      <NavLink to="/merchant/alliance" className="mc-nav-item" data-testid="merchant-alliance-nav">
        {t('alliance.m.nav')}
      </NavLink>
      <NavLink to="/merchant/reviews" className="mc-nav-item" data-testid="merchant-reviews-nav">
        {t('reviews.m.nav')}
      </NavLink>
      <NavLink to="/merchant/nps" className="mc-nav-item" data-testid="merchant-nps-nav">
        {t('nps.m.nav')}
      </NavLink>
      <NavLink to="/merchant/experience" className="mc-nav-item" data-testid="merchant-score-nav">
        {t('score.nav')}
      </NavLink>
      <NavLink to="/merchant/penalties" className="mc-nav-item" data-testid="merchant-penalties-nav">
        {t('gov.m.nav')}
      </NavLink>
      <NavLink to="/merchant/campaigns" className="mc-nav-item" data-testid="merchant-campaigns-nav">
        {t('cmp.m.nav')}
      </NavLink>
      <NavLink to="/merchant/care" className="mc-nav-item" data-testid="merchant-care-nav">
        {t('care.m.nav')}
      </NavLink>
      <Link to="/desk" className="mc-nav-item" data-testid="merchant-desk-nav">
        {t('care.desk.console')}
      </Link>
      <Link to="/studio" className="mc-nav-item" data-testid="merchant-studio-nav">
        {t('studio.nav')}
      </Link>
      <Link to="/studio/live" className="mc-nav-item" data-testid="merchant-live-nav">
        {t('studio.live.merchantNav')}
      </Link>
      {ctx.current && (
        <Link to={`/stores/${ctx.current.id}`} className="mc-nav-item">
          {t('merchant.nav.viewStore')}
        </Link>
      )}
      <Link to="/" className="mc-nav-item">
        {t('nav.backToShop')}
      </Link>
    </>
  );
  const top =
    ctx.stores.length > 0 && ctx.current ? (
      <label className="mc-store-switch">
        <StoreLogo store={ctx.current} size={28} />
        <select value={ctx.current.id} onChange={(e) => {
            ctx.selectStore(e.target.value);
            navigate('/merchant');
          }} aria-label={t('merchant.switchStore')} data-testid="store-switcher">
          {ctx.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {t(`staffRole.${s.staffRole === 'owner' ? 'owner' : 'member'}`)}
            </option>
          ))}
        </select>
      </label>
    ) : (
      <span />
    );
  return (
    <ConsoleFrame home="/merchant" title={t('merchant.console')} nav={nav} top={top}>
      {stores.loading && !stores.data ? <Loading /> : stores.error ? <ErrorBox error={stores.error} onRetry={stores.reload} /> : <Outlet context={ctx} />}
    </ConsoleFrame>
  );
}
