import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { OptionValues, Product } from '../types';
import { FieldError } from './BasicFields';
import { comboKey, EMPTY_SKU, skuBody, type Errors, type SkuDraft } from './editorModel';

/** Adds a SKU for an option combination the product does not have yet. */
export function AddSkuForm({ product, onProduct }: { product: Product; onProduct: (p: Product) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [combo, setCombo] = useState<OptionValues>({});
  const [draft, setDraft] = useState<SkuDraft>(EMPTY_SKU);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const taken = new Set(product.skus.map((s) => comboKey(Object.fromEntries(product.options.map((o) => [o.name, s.optionValues[o.name] ?? ''])))));
  if (product.options.length === 0) return null;
  if (!open) {
    return (
      <button type="button" className="btn btn-ghost btn-sm add-sku-toggle" onClick={() => setOpen(true)} data-testid="add-sku">
        + {t('editor.addSku')}
      </button>
    );
  }

  async function add() {
    const e: Errors = {};
    const full: OptionValues = {};
    for (const o of product.options) {
      const v = combo[o.name];
      if (!v) e.combo = t('editor.err.pickCombo');
      else full[o.name] = v;
    }
    if (!e.combo && taken.has(comboKey(full))) e.combo = t('editor.err.comboExists');
    const body = skuBody(draft, full, 0, t, e);
    setErrors(e);
    if (Object.keys(e).length > 0 || !body) return;
    setBusy(true);
    try {
      onProduct(await api.addSku(product.id, body));
      setOpen(false);
      setCombo({});
      setDraft(EMPTY_SKU);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors({ ...Object.fromEntries(Object.entries(fe).map(([k, v]) => [`skus.0.${k}`, v])), general: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="add-sku" data-testid="add-sku-form">
      <h3>{t('editor.addSku')}</h3>
      <div className="add-sku-row">
        {product.options.map((o) => (
          <label key={o.name} className="field">
            <span className="field-label">{o.name}</span>
            <select value={combo[o.name] ?? ''} onChange={(e) => setCombo((c) => ({ ...c, [o.name]: e.target.value }))} data-testid={`add-sku-opt-${o.name}`}>
              <option value="">—</option>
              {o.values.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="field">
          <span className="field-label">{t('editor.code')}</span>
          <input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} data-testid="add-sku-code" />
        </label>
        <label className="field">
          <span className="field-label">{t('editor.priceYuan')} *</span>
          <input inputMode="decimal" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} data-testid="add-sku-price" />
          <FieldError error={errors['skus.0.priceFen']} />
        </label>
        <label className="field">
          <span className="field-label">{t('editor.listPriceYuan')}</span>
          <input inputMode="decimal" value={draft.listPrice} onChange={(e) => setDraft({ ...draft, listPrice: e.target.value })} data-testid="add-sku-list-price" />
          <FieldError error={errors['skus.0.listPriceFen']} />
        </label>
        <label className="field">
          <span className="field-label">{t('editor.stock')} *</span>
          <input inputMode="numeric" value={draft.stock} onChange={(e) => setDraft({ ...draft, stock: e.target.value })} data-testid="add-sku-stock" />
          <FieldError error={errors['skus.0.stock']} />
        </label>
      </div>
      <p className="muted small">{t('editor.addSkuHint')}</p>
      <FieldError error={errors.combo ?? errors.general} />
      <div className="row-gap">
        <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void add()} data-testid="add-sku-submit">
          {t('common.add')}
        </button>
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
