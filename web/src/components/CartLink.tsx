import { Link } from 'react-router';
import { useAuth } from '../auth';
import { useCart } from '../commerce/cartStore';
import { useI18n } from '../i18n';
import { CartIcon } from './Icons';

/** A cart link with the number of items as a badge (the product page's bar, the tab bar). */
export function CartLink({ className = 'action-icon' }: { className?: 'action-icon' | 'tab' }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const cart = useCart(!!user);
  const count = cart?.count ?? 0;
  return (
    <Link to={user ? '/cart' : '/login'} state={user ? undefined : { from: '/cart' }} className={`${className} cart-link`}>
      <span className={className === 'tab' ? 'tab-icon' : undefined} aria-hidden="true">
        <CartIcon />
      </span>
      {t('cart.short')}
      <b className={`cart-badge ${count > 0 ? '' : 'cart-badge-empty'}`} data-testid="cart-count" aria-label={t('cart.countLabel', { n: count })}>
        {count > 99 ? '99+' : count}
      </b>
    </Link>
  );
}
