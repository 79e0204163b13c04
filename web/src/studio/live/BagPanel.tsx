// The host's 购物袋: the goods in the order viewers see them, which one is presented now (讲解,
// the card on every viewer's screen), and editing the bag with the studio's product picker.
import { useState } from 'react';
import { errorMessage } from '../../api';
import { Price } from '../../components/Price';
import { useI18n } from '../../i18n';
import { liveApi } from '../../live/liveApi';
import type { ProductCard, RoomState } from '../../types';
import { ProductPicker } from '../ProductPicker';

interface Props {
  roomId: string;
  state: RoomState;
  onState: (s: RoomState) => void;
}

export function BagPanel({ roomId, state, onState }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<ProductCard[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = state.status !== 'ended';

  async function act(work: () => Promise<RoomState>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      onState(await work());
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }
  const pin = (id: string | null) => void act(() => liveApi.pin(roomId, id));
  const remove = (id: string) => void act(() => liveApi.setBag(roomId, state.bag.filter((p) => p.id !== id).map((p) => p.id)));
  async function save(next: ProductCard[]) {
    if (await act(() => liveApi.setBag(roomId, next.map((p) => p.id)))) setEditing(null);
  }

  return (
    <section className="mc-card hc-bag" data-testid="live-bag-panel">
      <div className="hc-card-head">
        <h2 className="mc-card-title">
          {t('live.bag')} <span className="muted small">{state.bag.length}</span>
        </h2>
        {open && !editing && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(state.bag)} data-testid="live-bag-edit">
            {t('studio.live.editBag')}
          </button>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
      {editing ? (
        <div className="live-picker">
          <ProductPicker value={editing} onChange={setEditing} />
          <div className="row-gap row-end">
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void save(editing)} data-testid="live-bag-save">
              {t('common.save')}
            </button>
          </div>
        </div>
      ) : state.bag.length === 0 ? (
        <p className="studio-note">{t('studio.live.bagNone')}</p>
      ) : (
        <ol className="hc-bag-list">
          {state.bag.map((p, i) => {
            const pinned = state.pinned?.id === p.id;
            return (
              <li key={p.id} className={`hc-bag-item ${pinned ? 'on' : ''}`} data-testid="live-bag-row" data-product-id={p.id}>
                <span className="hc-bag-no">{i + 1}</span>
                {p.imageUrl ? <img src={p.imageUrl} alt="" /> : <span className="hc-bag-noimg">{Array.from(p.title)[0] ?? ''}</span>}
                <span className="hc-bag-body">
                  <span className="hc-bag-title">
                    {pinned && <span className="hc-now">{t('live.presenting')}</span>}
                    {p.title}
                  </span>
                  <span className="hc-bag-meta">
                    <Price fen={p.minPriceFen} size="sm" />
                    <span className="muted small">{p.available ? t('product.stock', { n: p.totalStock }) : t('video.unavailable')}</span>
                  </span>
                </span>
                {open && (
                  <span className="hc-bag-actions">
                    <button type="button" className={`btn btn-sm ${pinned ? 'btn-ghost' : 'btn-primary'}`} disabled={busy} onClick={() => pin(pinned ? null : p.id)} data-testid={`live-pin-${p.id}`} data-pinned={pinned}>
                      {pinned ? t('studio.live.unpin') : t('studio.live.pin')}
                    </button>
                    <button type="button" className="link-btn danger small" disabled={busy} onClick={() => remove(p.id)} data-testid={`live-unbag-${p.id}`}>
                      {t('studio.live.takeOut')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
