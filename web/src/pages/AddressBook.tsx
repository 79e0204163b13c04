// 我的 › 收货地址: the address book — default first, make default, edit, delete, add.
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, errorMessage } from '../api';
import { AddressLines, PinIcon } from '../address/AddressBits';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Address } from '../types';

export function AddressBook() {
  const { t } = useI18n();
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: '/me/addresses' }} />;
  return (
    <div className="addr-page">
      <TopBar title={t('address.book')} />
      <AddressList />
    </div>
  );
}

function AddressList() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const list = useLoad(() => api.addresses(), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(id: string, action: () => Promise<unknown>) {
    setBusy(id);
    setError(null);
    try {
      await action();
      list.setData(await api.addresses());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const items = list.data;
  return (
    <>
      {error && (
        <p className="form-error addr-form-error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 ? (
        <div className="state addr-empty" data-testid="address-empty">
          <div className="addr-empty-icon">
            <PinIcon />
          </div>
          <p>{t('address.empty')}</p>
          <p className="muted small">{t('address.emptyHint')}</p>
        </div>
      ) : (
        <div className="card addr-list" data-testid="address-list">
          {items.map((a) => (
            <AddressItem
              key={a.id}
              address={a}
              busy={busy === a.id}
              onDefault={() => void act(a.id, () => api.updateAddress(a.id, { isDefault: true }))}
              onDelete={() => {
                if (window.confirm(t('address.deleteConfirm'))) void act(a.id, () => api.deleteAddress(a.id));
              }}
            />
          ))}
        </div>
      )}
      <div className="action-bar-spacer" />
      <footer className="action-bar">
        <div className="action-row">
          <button type="button" className="btn btn-primary btn-block addr-save" disabled={items.length >= 20} onClick={() => navigate('/me/addresses/new')} data-testid="address-add">
            + {t('address.add')}
          </button>
        </div>
      </footer>
    </>
  );
}

function AddressItem({ address, busy, onDefault, onDelete }: { address: Address; busy: boolean; onDefault: () => void; onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <div className="addr-item" data-testid="address-item" data-default={address.isDefault}>
      <AddressLines address={address} isDefault={address.isDefault} />
      <div className="addr-item-foot">
        <label className="addr-radio">
          <input type="radio" className="sr-only" checked={address.isDefault} disabled={busy || address.isDefault} onChange={onDefault} data-testid={`address-make-default-${address.id}`} />
          <span className={`radio-dot radio-dot-sm ${address.isDefault ? 'on' : ''}`} aria-hidden="true" />
          {address.isDefault ? t('address.isDefault') : t('address.setDefault')}
        </label>
        <span className="addr-item-tools">
          <Link to={`/me/addresses/${address.id}`} data-testid={`address-edit-${address.id}`}>
            {t('common.edit')}
          </Link>
          <button type="button" className="link-plain" disabled={busy} onClick={onDelete} data-testid={`address-delete-${address.id}`}>
            {t('address.delete')}
          </button>
        </span>
      </div>
    </div>
  );
}
