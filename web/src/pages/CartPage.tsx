import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { CartIcon } from '../components/Icons';
import { Price } from '../components/Price';
import { TopBar } from '../components/ShopLayout';
import { Loading } from '../components/States';
import { refreshCart, setCart, useCart, useStoreName } from '../commerce/cartStore';
import { saveDraft, type DraftLine } from '../commerce/draft';
import { useI18n } from '../i18n';
import type { Cart, CartLine } from '../types';
import { optionText } from '../components/OrderBits';

export function CartPage() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  const cart = useCart(!!user);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/cart' }} />;
  return (
    <div className="cart-page">
      <TopBar title={cart ? t('cart.titleCount', { n: cart.count }) : t('cart.title')} />
      {!cart ? <Loading /> : cart.stores.length === 0 ? <EmptyCart /> : <CartBody cart={cart} />}
    </div>
  );
}

function EmptyCart() {
  const { t } = useI18n();
  return (
    <div className="state cart-empty">
      <div className="cart-empty-icon">
        <CartIcon />
      </div>
      <p>{t('cart.empty')}</p>
      <Link to="/" className="btn btn-outline btn-sm">
        {t('cart.goShopping')}
      </Link>
    </div>
  );
}

function CartBody({ cart }: { cart: Cart }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busySku, setBusySku] = useState<string | null>(null);
  const navigate = useNavigate();
  const unavailable = cart.stores.some((s) => s.lines.some((l) => !l.available));

  async function change(skuId: string, action: () => Promise<Cart>) {
    setBusySku(skuId);
    setError(null);
    try {
      setCart(await action());
    } catch (err) {
      setError(errorMessage(err));
      void refreshCart();
    } finally {
      setBusySku(null);
    }
  }

  const lineProps = {
    busySku,
    onQty: (l: CartLine, q: number) => void change(l.skuId, () => api.setCartItem(l.skuId, q)),
    onRemove: (l: CartLine) => void change(l.skuId, () => api.removeCartItem(l.skuId)),
  };
  const message = error;

  // On to 确认订单 with what can be bought (unavailable lines stay in the cart).
  function toConfirm() {
    const lines: DraftLine[] = cart.stores.flatMap((s) =>
      s.lines.filter((l) => l.available).map((l) => ({ skuId: l.skuId, productId: l.productId, storeId: l.storeId, title: l.title, optionValues: l.optionValues, imageUrl: l.imageUrl, unitPriceFen: l.unitPriceFen, quantity: l.quantity })),
    );
    if (lines.length === 0) return;
    saveDraft({ lines, fromCart: true, source: { type: 'cart' }, addressId: '', couponIds: null });
    navigate('/checkout');
  }
  return (
    <>
      {cart.stores.map((s) => (
        <StoreGroup key={s.storeId} storeId={s.storeId} subtotalFen={s.subtotalFen} lines={s.lines} {...lineProps} />
      ))}
      {unavailable && <p className="cart-hint muted small">{t('cart.unavailableHint')}</p>}
      <div className="cart-bar-spacer" />
      <footer className="cart-bar">
        {message && (
          <div className="action-note action-err" role="alert">
            {message}
          </div>
        )}
        <div className="cart-bar-row">
          <div className="cart-total">
            {t('cart.total')} <Price fen={cart.totalFen} size="md" testId="cart-total" />
          </div>
          <button
            type="button"
            className="btn btn-buy cart-checkout"
            disabled={cart.totalFen <= 0 || busySku !== null}
            onClick={toConfirm}
            data-testid="cart-checkout"
          >
            {t('cart.checkout', { n: cart.count })}
          </button>
        </div>
      </footer>
    </>
  );
}

interface LineActions {
  busySku: string | null;
  onQty: (l: CartLine, q: number) => void;
  onRemove: (l: CartLine) => void;
}

function StoreGroup({ storeId, subtotalFen, lines, ...actions }: { storeId: string; subtotalFen: number; lines: CartLine[] } & LineActions) {
  const { t } = useI18n();
  const name = useStoreName(storeId);
  return (
    <section className="card cart-store" data-testid="cart-store">
      <Link to={`/stores/${storeId}`} className="cart-store-head">
        <span aria-hidden="true">▤</span> {name || t('cart.store')} <span className="muted">›</span>
      </Link>
      {lines.map((l) => (
        <CartLineRow key={l.skuId} line={l} {...actions} />
      ))}
      <div className="cart-subtotal muted small">
        {t('cart.subtotal')} <Price fen={subtotalFen} size="sm" />
      </div>
    </section>
  );
}

function CartLineRow({ line, busySku, onQty, onRemove }: { line: CartLine } & LineActions) {
  const { t } = useI18n();
  const busy = busySku === line.skuId;
  const max = Math.min(999, Math.max(1, line.stock));
  return (
    <div className={`cart-line ${line.available ? '' : 'cart-line-off'}`} data-testid="cart-line">
      <Link to={`/products/${line.productId}`} className="line-img">
        {line.imageUrl ? <img src={line.imageUrl} alt="" /> : <span className="img-placeholder">◫</span>}
        {!line.available && <span className="sold-out-mask">{t('cart.unavailable')}</span>}
      </Link>
      <div className="line-info">
        <Link to={`/products/${line.productId}`} className="line-title">
          {line.title}
        </Link>
        {Object.keys(line.optionValues).length > 0 && <div className="line-opts">{optionText(line.optionValues)}</div>}
        {line.available && line.quantity > line.stock && <div className="danger small">{t('cart.onlyLeft', { n: line.stock })}</div>}
        <div className="line-foot">
          <Price fen={line.unitPriceFen} size="sm" />
          <div className="stepper stepper-sm" data-testid={`cart-qty-${line.skuId}`}>
            <button type="button" aria-label="-" disabled={busy || line.quantity <= 1} onClick={() => onQty(line, line.quantity - 1)}>
              −
            </button>
            <span className="stepper-value">{line.quantity}</span>
            <button type="button" aria-label="+" disabled={busy || !line.available || line.quantity >= max} onClick={() => onQty(line, line.quantity + 1)}>
              +
            </button>
          </div>
        </div>
      </div>
      <button type="button" className="line-remove" aria-label={t('common.remove')} title={t('common.remove')} disabled={busy} onClick={() => onRemove(line)} data-testid={`cart-remove-${line.skuId}`}>
        ×
      </button>
    </div>
  );
}
