import { useState, type FormEvent } from 'react';
import { Field, splitErrors } from '../pages/authForm';
import { api } from '../api';
import { useI18n } from '../i18n';
import type { Store } from '../types';

export function OpenStoreForm({ onOpened, onCancel }: { onOpened: (store: Store) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rural, setRural] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    try {
      const store = await api.openStore({ name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}), rural });
      onOpened(store);
    } catch (err) {
      const split = splitErrors(err, ['name', 'description', 'rural']);
      setErrors(split.fields);
      setGeneral(split.general);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="mc-card open-store" onSubmit={submit}>
      <h2>{t('merchant.openStore')}</h2>
      <p className="muted">{t('merchant.openStoreIntro')}</p>
      <Field label={t('merchant.storeName')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} testId="store-name-input" maxLength={30} />
      <label className={`field ${errors.description ? 'field-invalid' : ''}`}>
        <span className="field-label">{t('merchant.storeDescription')}</span>
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={500} data-testid="store-description-input" />
        {errors.description && <span className="field-error">{errors.description}</span>}
      </label>
      <label className="check">
        <input type="checkbox" checked={rural} onChange={(e) => setRural(e.target.checked)} data-testid="store-rural-input" />
        {t('merchant.ruralStore')}
      </label>
      {general && <p className="form-error">{general}</p>}
      <div className="row-gap">
        <button type="submit" className="btn btn-primary" disabled={busy || name.trim().length < 2} data-testid="open-store-submit">
          {t('merchant.openStoreSubmit')}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
