// Add or edit one address; saving goes back to where the shopper came from (the address book
// or the confirm-order page's picker).
import { Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { api } from '../api';
import { AddressForm } from '../address/AddressForm';
import { notePickedAddress } from '../commerce/draft';
import { useAuth } from '../auth';
import { TopBar } from '../components/ShopLayout';
import { ErrorBox, Loading } from '../components/States';
import { useLoad } from '../components/useLoad';
import { useI18n } from '../i18n';
import type { Address } from '../types';

export function AddressEdit() {
  const { t } = useI18n();
  const { addressId } = useParams();
  const { user, loading } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const forPicker = (location.state as { pick?: boolean } | null)?.pick === true;
  const list = useLoad(() => api.addresses(), []);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: addressId ? `/me/addresses/${addressId}` : '/me/addresses/new' }} />;

  const done = (a: Address) => {
    // Added from the confirm-order page: that page selects it on the way back.
    if (forPicker) notePickedAddress(a.id);
    if (window.history.length > 1) navigate(-1);
    else navigate(forPicker ? '/checkout' : '/me/addresses', { replace: true });
  };
  let body;
  if (list.loading && !list.data) body = <Loading />;
  else if (list.error || !list.data) body = <ErrorBox error={list.error} onRetry={list.reload} />;
  else if (addressId) {
    const current = list.data.find((a) => a.id === addressId);
    body = current ? <AddressForm initial={current} onSaved={done} /> : <ErrorBox error={new Error(t('address.empty'))} />;
  } else body = <AddressForm firstAddress={list.data.length === 0} onSaved={done} />;

  return (
    <div className="addr-page">
      <TopBar title={addressId ? t('address.edit') : t('address.add')} />
      {body}
    </div>
  );
}
