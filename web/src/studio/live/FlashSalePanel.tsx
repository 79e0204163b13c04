// 直播间专享价: a flash sale for this room only, from now for some minutes, on a SKU of a bag product.
// Viewers see the price, the countdown and the units left on the 讲解卡 and in the bag. The sales
// running in the room are listed with their units sold.
import { useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage } from '../../api';
import { Price } from '../../components/Price';
import { useLoad } from '../../components/useLoad';
import { useI18n } from '../../i18n';
import { countdown, useNow } from '../../live/liveBuy';
import { liveApi } from '../../live/liveApi';
import { fenToYuan, yuanToFen } from '../../money';
import type { RoomState } from '../../types';
import { FieldError } from '../VideoFields';

const int = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s) : null);

export function FlashSalePanel({ roomId, state, onState }: { roomId: string; state: RoomState; onState: (s: RoomState) => void }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const [productId, setProductId] = useState('');
  const chosen = state.bag.find((p) => p.id === productId) ?? state.bag[0] ?? null;
  const product = useLoad(() => (chosen ? api.product(chosen.id) : Promise.resolve(null)), [chosen?.id]);
  const skus = product.data?.skus.filter((s) => s.status === 'active') ?? [];
  const [skuId, setSkuId] = useState('');
  const sku = skus.find((s) => s.id === skuId) ?? skus[0] ?? null;
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('20');
  const [limit, setLimit] = useState('1');
  const [minutes, setMinutes] = useState('10');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const sales = state.flashSales.filter((f) => Date.parse(f.endsAt) > now);
  const titleOf = (id: string) => state.bag.find((p) => p.id === id)?.title ?? id;

  async function start(e: FormEvent) {
    e.preventDefault();
    if (!sku) return;
    const body = { skuId: sku.id, priceFen: yuanToFen(price) ?? -1, quantity: int(quantity) ?? 0, perBuyerLimit: int(limit) ?? 0, minutes: int(minutes) ?? 0 };
    const found: Record<string, string> = {};
    if (body.priceFen < 0) found.priceFen = t('studio.live.err.price');
    else if (body.priceFen >= sku.priceFen) found.priceFen = t('studio.live.err.priceBelow', { price: fenToYuan(sku.priceFen) });
    if (body.quantity < 1) found.quantity = t('studio.live.err.positive');
    if (body.perBuyerLimit < 1 || body.perBuyerLimit > 100) found.perBuyerLimit = t('studio.live.err.limit');
    if (body.minutes < 1 || body.minutes > 1440) found.minutes = t('studio.live.err.minutes');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setNote(null);
    try {
      onState(await liveApi.startFlashSale(roomId, body));
      setNote({ ok: true, text: t('studio.live.flashStarted') });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNote({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mc-card hc-flash" data-testid="live-flash-panel">
      <h2 className="mc-card-title">{t('studio.live.flash')}</h2>
      {sales.length > 0 && (
        <ul className="hc-sales">
          {sales.map((f) => (
            <li key={f.id} data-testid="live-flash-sale">
              <span className="hc-sale-title">
                <span className={`hc-sale-kind ${f.liveRoomId ? 'room' : ''}`}>{f.liveRoomId ? t('live.roomPrice') : t('studio.live.storeSale')}</span>
                {titleOf(f.productId)}
              </span>
              <Price fen={f.priceFen} size="sm" />
              <span className="hc-sale-bar" title={t('live.left', { n: f.remaining })}>
                <span style={{ width: `${Math.round(((f.quantity - f.remaining) / Math.max(1, f.quantity)) * 100)}%` }} />
              </span>
              <span className="muted small nowrap">
                {t('studio.live.sold', { sold: f.quantity - f.remaining, total: f.quantity })} · {Date.parse(f.startsAt) > now ? t('studio.live.notYet') : countdown(Date.parse(f.endsAt) - now)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {state.status === 'ended' ? null : state.bag.length === 0 ? (
        <p className="studio-note">{t('studio.live.flashNeedsBag')}</p>
      ) : (
        <form className="hc-flash-form" onSubmit={(e) => void start(e)}>
          <label className="field">
            <span className="field-label">{t('studio.live.flashProduct')}</span>
            <select value={chosen?.id ?? ''} onChange={(e) => (setProductId(e.target.value), setSkuId(''))} data-testid="flash-product">
              {state.bag.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          <label className={`field ${errors.skuId ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.flashSku')}</span>
            <select value={sku?.id ?? ''} onChange={(e) => setSkuId(e.target.value)} disabled={skus.length === 0} data-testid="flash-sku">
              {skus.map((s) => (
                <option key={s.id} value={s.id}>
                  {(Object.values(s.optionValues).join(' / ') || t('studio.live.defaultSku'))} · ¥{fenToYuan(s.priceFen)} · {t('product.stock', { n: s.stock })}
                </option>
              ))}
            </select>
            <FieldError error={errors.skuId} />
          </label>
          <label className={`field ${errors.priceFen ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.flashPrice')}</span>
            <input inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} placeholder={sku ? `< ${fenToYuan(sku.priceFen)}` : ''} data-testid="flash-price" />
            <FieldError error={errors.priceFen} />
          </label>
          <label className={`field ${errors.quantity ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.flashQuantity')}</span>
            <input inputMode="numeric" value={quantity} onChange={(e) => setQuantity(e.target.value)} data-testid="flash-quantity" />
            <FieldError error={errors.quantity} />
          </label>
          <label className={`field ${errors.perBuyerLimit ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.flashLimit')}</span>
            <input inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} data-testid="flash-limit" />
            <FieldError error={errors.perBuyerLimit} />
          </label>
          <label className={`field ${errors.minutes ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.flashMinutes')}</span>
            <input inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="flash-minutes" />
            <FieldError error={errors.minutes} />
          </label>
          <div className="hc-flash-go">
            {note && <span className={note.ok ? 'form-ok' : 'field-error'}>{note.text}</span>}
            <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !sku} data-testid="flash-start">
              {t('studio.live.flashStart')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
