// The add/edit address form. Checks what it can before sending (required fields, an 11-digit
// mainland mobile) and shows the server's field errors in place when it still refuses.
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorMessage } from '../api';
import { useI18n } from '../i18n';
import type { Address, AddressInput } from '../types';
import { isMunicipality, PHONE, PROVINCES } from './regions';

type Draft = AddressInput & { isDefault: boolean };
const FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'detail'] as const;
type Field = (typeof FIELDS)[number];

function emptyDraft(firstAddress: boolean): Draft {
  return { recipient: '', phone: '', province: '', city: '', district: '', detail: '', isDefault: firstAddress };
}

export function AddressForm({ initial, firstAddress = false, onSaved }: { initial?: Address; firstAddress?: boolean; onSaved: (a: Address) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => (initial ? { ...initial } : emptyDraft(firstAddress)));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label: Record<Field, string> = {
    recipient: t('address.recipient'),
    phone: t('address.phone'),
    province: t('address.province'),
    city: t('address.city'),
    district: t('address.district'),
    detail: t('address.detail'),
  };

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => {
      const next = { ...d, [key]: value };
      // A municipality is its own city (上海市 上海市 浦东新区): fill it in for the shopper.
      if (key === 'province' && typeof value === 'string' && isMunicipality(value)) next.city = value;
      return next;
    });
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  function check(): boolean {
    const found: Partial<Record<Field, string>> = {};
    for (const f of FIELDS) if (draft[f].trim() === '') found[f] = t('address.required', { field: label[f] });
    if (!found.phone && !PHONE.test(draft.phone.trim())) found.phone = t('address.phoneInvalid');
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!check()) return;
    const body: AddressInput = {
      recipient: draft.recipient.trim(),
      phone: draft.phone.trim(),
      province: draft.province,
      city: draft.city.trim(),
      district: draft.district.trim(),
      detail: draft.detail.trim(),
    };
    setBusy(true);
    try {
      // A default can't be switched off directly (another address must take over), so only send it when turning it on.
      const isDefault = draft.isDefault && !initial?.isDefault ? { isDefault: true } : {};
      onSaved(initial ? await api.updateAddress(initial.id, { ...body, ...isDefault }) : await api.addAddress({ ...body, ...isDefault }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      const mine: Partial<Record<Field, string>> = {};
      for (const f of FIELDS) if (fields[f]) mine[f] = f === 'phone' ? t('address.phoneInvalid') : fields[f];
      setErrors(mine);
      if (Object.keys(mine).length === 0) setError(err instanceof ApiError && err.problem.field === 'addresses' ? t('address.limit') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const row = (f: Field, input: ReactNode) => (
    <label className={`addr-field ${errors[f] ? 'addr-field-invalid' : ''}`}>
      <span className="addr-field-label">{label[f]}</span>
      <span className="addr-field-input">
        {input}
        {errors[f] && (
          <span className="field-error" data-testid={`address-error-${f}`}>
            {errors[f]}
          </span>
        )}
      </span>
    </label>
  );

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="address-form">
      <section className="card addr-form">
        {row('recipient', <input value={draft.recipient} maxLength={30} autoComplete="name" placeholder={t('address.recipientPh')} onChange={(e) => set('recipient', e.target.value)} data-testid="address-recipient" />)}
        {row(
          'phone',
          <input value={draft.phone} inputMode="numeric" maxLength={11} autoComplete="tel-national" placeholder={t('address.phonePh')} onChange={(e) => set('phone', e.target.value.replace(/\D/g, ''))} data-testid="address-phone" />,
        )}
        {row(
          'province',
          <select value={draft.province} onChange={(e) => set('province', e.target.value)} data-testid="address-province" className={draft.province ? '' : 'placeholder'}>
            <option value="">{t('address.provincePick')}</option>
            {PROVINCES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
            {draft.province && !PROVINCES.some((p) => p === draft.province) && <option value={draft.province}>{draft.province}</option>}
          </select>,
        )}
        {row('city', <input value={draft.city} maxLength={30} placeholder={t('address.cityPh')} onChange={(e) => set('city', e.target.value)} data-testid="address-city" />)}
        {row('district', <input value={draft.district} maxLength={30} placeholder={t('address.districtPh')} onChange={(e) => set('district', e.target.value)} data-testid="address-district" />)}
        {row('detail', <textarea value={draft.detail} maxLength={120} rows={2} placeholder={t('address.detailPh')} onChange={(e) => set('detail', e.target.value)} data-testid="address-detail" />)}
      </section>
      <section className="card addr-form">
        <label className="addr-switch-row">
          <span>
            <span className="addr-switch-title">{t('address.makeDefault')}</span>
            <span className="muted small">{t('address.makeDefaultHint')}</span>
          </span>
          <input
            type="checkbox"
            role="switch"
            className="switch"
            checked={draft.isDefault}
            disabled={initial?.isDefault === true}
            onChange={(e) => set('isDefault', e.target.checked)}
            data-testid="address-default"
          />
        </label>
      </section>
      {error && (
        <p className="form-error addr-form-error" role="alert">
          {error}
        </p>
      )}
      <div className="action-bar-spacer" />
      <footer className="action-bar">
        <div className="action-row">
          <button type="submit" className="btn btn-primary btn-block addr-save" disabled={busy} data-testid="address-save">
            {busy ? t('common.working') : t('address.save')}
          </button>
        </div>
      </footer>
    </form>
  );
}
