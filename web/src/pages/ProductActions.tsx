import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { useAuth } from '../auth';
import { setCart, useCart } from '../commerce/cartStore';
import { saveDraft, type DraftLine } from '../commerce/draft';
import { CartLink } from '../components/CartLink';
import { useI18n } from '../i18n';
import type { Product, Sku, Source } from '../types';
import { track } from '../feed/track';

const PRODUCT_PAGE: Source = { type: 'product_page' };

/** The product page's bottom bar: store, cart, 加入购物车, 立即购买. `source`: where the shopper came from (a live room). */
export function ProductActions({ product, sku, qty, source = PRODUCT_PAGE }: { product: Product; sku: Sku | null; qty: number; source?: Source }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const cart = useCart(!!user);
  const navigate = useNavigate();
  const location = useLocation();
  const [adding, setAdding] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const usable = !!sku && sku.stock > 0 && product.status === 'active';

  useEffect(() => {
    if (!note?.ok) return;
    const timer = window.setTimeout(() => setNote(null), 2500);
    return () => window.clearTimeout(timer);
  }, [note]);

  function needLogin(): boolean {
    if (user) return false;
    navigate('/login', { state: { from: location.pathname } });
    return true;
  }

  async function addToCart() {
    if (!sku || needLogin()) return;
    const inCart = cart?.stores.flatMap((s) => s.lines).find((l) => l.skuId === sku.id)?.quantity ?? 0;
    const quantity = Math.min(999, sku.stock, inCart + qty);
    setAdding(true);
    setNote(null);
    try {
      setCart(await api.setCartItem(sku.id, Math.max(1, quantity), source));
      track({ type: 'add_to_cart', itemType: 'product', itemId: product.id, source: source.type === 'live_room' ? 'live' : source.type === 'feed_video' ? 'feed' : 'product' });
      setNote({ ok: true, text: t('cart.added') });
    } catch (err) {
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setAdding(false);
    }
  }

  // 立即购买 goes to 确认订单 with just this SKU (the cart is left as it is).
  function buyNow() {
    if (!sku || needLogin()) return;
    const line: DraftLine = { skuId: sku.id, productId: product.id, storeId: product.storeId, title: product.title, optionValues: sku.optionValues, imageUrl: product.images[0]?.thumbUrl ?? null, unitPriceFen: sku.priceFen, quantity: qty };
    saveDraft({ lines: [line], fromCart: false, source, addressId: '', couponIds: null });
    navigate('/checkout');
  }

  const message = note;
  return (
    <footer className="action-bar">
      {message && (
        <div className={message.ok ? 'action-note action-ok' : 'action-note action-err'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </div>
      )}
      <div className="action-row">
        <Link to={product.store ? `/stores/${product.store.id}` : '/'} className="action-icon">
          <span aria-hidden="true">▤</span>
          {t('product.store')}
        </Link>
        <CartLink />
        <button type="button" className="btn btn-cart" disabled={!usable || adding} onClick={() => void addToCart()} data-testid="add-to-cart">
          {t('product.addToCart')}
        </button>
        <button type="button" className="btn btn-buy" disabled={!usable} onClick={buyNow} data-testid="buy-now">
          {t('product.buyNow')}
        </button>
      </div>
    </footer>
  );
}
