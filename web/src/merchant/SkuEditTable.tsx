import { useState } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import { yuanToFen } from '../money';
import type { Product, Sku, SkuPatch } from '../types';
import { FieldError } from './BasicFields';
import { AddSkuForm } from './AddSkuForm';
import { comboLabel, skuDraftFrom } from './editorModel';
import { StockDialog } from './StockDialog';

/** Existing SKUs: edit code/prices/status in place, adjust stock through a dialog, add new ones. */
export function SkuEditTable({ product, onProduct, disabled }: { product: Product; onProduct: (p: Product) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [stockFor, setStockFor] = useState<Sku | null>(null);
  const names = product.options.map((o) => o.name);

  const setStock = (skuId: string, stock: number) => {
    const skus = product.skus.map((s) => (s.id === skuId ? { ...s, stock } : s));
    onProduct({ ...product, skus, totalStock: skus.reduce((sum, s) => sum + (s.status === 'active' ? s.stock : 0), 0) });
  };

  return (
    <section className="mc-card">
      <h2 className="mc-card-title">
        {t('editor.skus')} <span className="muted small">({product.skus.length})</span>
      </h2>
      <table className="mc-table sku-table">
        <thead>
          <tr>
            {names.length > 0 ? names.map((n) => <th key={n}>{n}</th>) : <th>{t('editor.sku')}</th>}
            <th>{t('editor.code')}</th>
            <th>{t('editor.priceYuan')}</th>
            <th>{t('editor.listPriceYuan')}</th>
            <th>{t('editor.skuStatus')}</th>
            <th className="num">{t('editor.stock')}</th>
            <th>{t('merchant.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {product.skus.map((s, i) => (
            <SkuRow
              key={`${s.id}:${s.code}:${s.priceFen}:${s.listPriceFen}:${s.status}`}
              sku={s}
              index={i}
              names={names}
              disabled={disabled}
              onProduct={onProduct}
              onStock={() => setStockFor(s)}
            />
          ))}
        </tbody>
      </table>
      {!disabled && <AddSkuForm product={product} onProduct={onProduct} />}
      {stockFor && (
        <StockDialog
          sku={stockFor}
          label={comboLabel(stockFor.optionValues, t('editor.singleSku'))}
          onClose={() => setStockFor(null)}
          onDone={(stock) => {
            setStock(stockFor.id, stock);
            setStockFor(null);
          }}
        />
      )}
    </section>
  );
}

function SkuRow({ sku, index, names, disabled, onProduct, onStock }: { sku: Sku; index: number; names: string[]; disabled: boolean; onProduct: (p: Product) => void; onStock: () => void }) {
  const { t } = useI18n();
  const initial = skuDraftFrom(sku);
  const [code, setCode] = useState(initial.code);
  const [price, setPrice] = useState(initial.price);
  const [listPrice, setListPrice] = useState(initial.listPrice);
  const [status, setStatus] = useState<'active' | 'disabled'>(sku.status === 'disabled' ? 'disabled' : 'active');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const dirty = code !== initial.code || price !== initial.price || listPrice !== initial.listPrice || status !== (sku.status === 'disabled' ? 'disabled' : 'active');

  async function save() {
    const e: Record<string, string> = {};
    const priceFen = yuanToFen(price);
    const listFen = listPrice.trim() ? yuanToFen(listPrice) : null;
    if (priceFen === null) e.priceFen = t('editor.err.price');
    if (listPrice.trim() && listFen === null) e.listPriceFen = t('editor.err.price');
    setErrors(e);
    if (Object.keys(e).length > 0 || priceFen === null) return;
    const patch: SkuPatch = {};
    if (code !== initial.code) patch.code = code.trim();
    if (priceFen !== sku.priceFen) patch.priceFen = priceFen;
    if (listFen !== sku.listPriceFen) patch.listPriceFen = listFen;
    if (status !== sku.status) patch.status = status;
    if (Object.keys(patch).length === 0) return;
    setBusy(true);
    try {
      onProduct(await api.updateSku(sku.id, patch));
    } catch (err) {
      setErrors(err instanceof ApiError && Object.keys(err.fieldErrors()).length > 0 ? err.fieldErrors() : { general: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr data-testid={`sku-row-${index}`} className={status === 'disabled' ? 'row-muted' : ''}>
      {names.length > 0 ? names.map((n) => <td key={n}>{sku.optionValues[n] ?? '—'}</td>) : <td className="muted">{t('editor.singleSku')}</td>}
      <td>
        <input value={code} maxLength={64} disabled={disabled} onChange={(e) => setCode(e.target.value)} data-testid={`sku-code-${index}`} />
        <FieldError error={errors.code} />
      </td>
      <td>
        <div className="yuan-input">
          <span>¥</span>
          <input inputMode="decimal" value={price} disabled={disabled} onChange={(e) => setPrice(e.target.value)} aria-invalid={!!errors.priceFen} data-testid={`sku-price-${index}`} />
        </div>
        <FieldError error={errors.priceFen} />
      </td>
      <td>
        <div className="yuan-input">
          <span>¥</span>
          <input inputMode="decimal" value={listPrice} disabled={disabled} onChange={(e) => setListPrice(e.target.value)} aria-invalid={!!errors.listPriceFen} data-testid={`sku-list-price-${index}`} />
        </div>
        <FieldError error={errors.listPriceFen} />
      </td>
      <td>
        <select value={status} disabled={disabled} onChange={(e) => setStatus(e.target.value === 'disabled' ? 'disabled' : 'active')} data-testid={`sku-status-${index}`}>
          <option value="active">{t('editor.skuActive')}</option>
          <option value="disabled">{t('editor.skuDisabled')}</option>
        </select>
      </td>
      <td className={`num ${sku.stock <= 0 ? 'danger' : ''}`} data-testid={`sku-stock-${index}`}>
        {sku.stock}
      </td>
      <td className="actions">
        <button type="button" className="btn btn-primary btn-xs" disabled={!dirty || busy || disabled} onClick={() => void save()} data-testid={`sku-save-${index}`}>
          {t('common.save')}
        </button>
        <button type="button" className="link-btn" disabled={disabled} onClick={onStock} data-testid={`sku-adjust-${index}`}>
          {t('stock.title')}
        </button>
        <FieldError error={errors.general} />
      </td>
    </tr>
  );
}
