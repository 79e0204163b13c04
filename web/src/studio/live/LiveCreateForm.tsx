// 创建直播: title, an optional start time, the store for a merchant's self-broadcast (自播), and the
// goods of the 购物袋 (the studio's product picker). Creating it gives the RTMP address and key.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { useLoad } from '../../components/useLoad';
import { useI18n } from '../../i18n';
import { liveApi } from '../../live/liveApi';
import type { ProductCard, RoomInput } from '../../types';
import { ProductPicker } from '../ProductPicker';
import { FieldError } from '../VideoFields';

export const MAX_TITLE = 60;

export function LiveCreateForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const merchant = hasRole('merchant');
  const stores = useLoad(() => (merchant ? api.myStores() : Promise.resolve([])), [merchant]);
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  // '' = not for a store (a creator's own broadcast); undefined = the first store, once loaded.
  const [storeId, setStoreId] = useState<string | undefined>(undefined);
  const [goods, setGoods] = useState<ProductCard[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const store = storeId ?? stores.data?.[0]?.id ?? '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = t('studio.live.err.title');
    const at = when ? new Date(when) : null;
    if (at && (Number.isNaN(at.getTime()) || at.getTime() < Date.now() - 60_000)) found.scheduledAt = t('studio.live.err.past');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body: RoomInput = { title: title.trim() };
    if (at) body.scheduledAt = at.toISOString();
    if (store) body.storeId = store;
    if (goods.length > 0) body.productIds = goods.map((g) => g.id);
    setBusy(true);
    setError(null);
    try {
      const room = await liveApi.create(body);
      navigate(`/studio/live/${room.id}`);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <form className="mc-card live-create" onSubmit={(e) => void submit(e)} data-testid="live-create">
      <h2 className="mc-card-title">{t('studio.live.create')}</h2>
      <div className="live-create-grid">
        <label className={`field ${errors.title ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('studio.live.title')} *</span>
          <input value={title} maxLength={MAX_TITLE} onChange={(e) => setTitle(e.target.value)} placeholder={t('studio.live.titlePlaceholder')} data-testid="live-title-input" />
          <span className="field-hint">
            {title.length}/{MAX_TITLE}
          </span>
          <FieldError error={errors.title} />
        </label>
        <label className={`field ${errors.scheduledAt ? 'field-invalid' : ''}`}>
          <span className="field-label">{t('studio.live.when')}</span>
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} data-testid="live-time-input" />
          <span className="field-hint">{t('studio.live.whenHint')}</span>
          <FieldError error={errors.scheduledAt} />
        </label>
        {stores.data && stores.data.length > 0 && (
          <label className={`field ${errors.storeId ? 'field-invalid' : ''}`}>
            <span className="field-label">{t('studio.live.store')}</span>
            <select value={store} onChange={(e) => setStoreId(e.target.value)} data-testid="live-store-select">
              {stores.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('studio.live.selfBroadcast', { name: s.name })}
                </option>
              ))}
              <option value="">{t('studio.live.noStore')}</option>
            </select>
            <span className="field-hint">{t('studio.live.storeHint')}</span>
            <FieldError error={errors.storeId} />
          </label>
        )}
      </div>
      <div className={`field live-picker ${errors.productIds ? 'field-invalid' : ''}`}>
        <span className="field-label">{t('studio.live.bag')}</span>
        <ProductPicker value={goods} onChange={setGoods} />
        <span className="field-hint">{t('studio.live.bagHint')}</span>
        <FieldError error={Object.entries(errors).find(([k]) => k.startsWith('productIds'))?.[1]} />
      </div>
      {error && <p className="form-error">{error}</p>}
      <div className="row-gap row-end">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="live-create-submit">
          {busy ? t('common.working') : t('studio.live.createSubmit')}
        </button>
      </div>
    </form>
  );
}
