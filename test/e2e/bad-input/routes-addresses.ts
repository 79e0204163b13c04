// Bad-input table: the address book, revealing an order's address to ship it, the audit trail.
import { bodyAt, bodyWithout, paramAt, queryAt, type BadCase, type RouteEntry } from '../../support/route-table.ts';
import { PAGE_CASES, fx, long, nonMerchants, nonOperators } from './kit.ts';

const ADDRESS = () => ({ recipient: '李雷', phone: '13900001111', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园 8 栋 1201' });
const ADDRESS_CASES = (): BadCase[] => [
  bodyAt('phone', '12345678901', 'malformed'),
  bodyAt('phone', '1390000111', 'malformed'),
  bodyAt('phone', 13900001111, 'malformed'),
  bodyAt('recipient', '', 'out-of-range'),
  bodyAt('recipient', '   ', 'malformed'),
  bodyAt('recipient', long(31), 'out-of-range'),
  bodyAt('detail', long(121), 'out-of-range'),
  bodyAt('province', 'a\u0000b', 'malformed'),
  bodyAt('isDefault', 'yes', 'malformed'),
  bodyAt('zip', '310000', 'unknown-field'),
];

export const ADDRESS_ROUTES: RouteEntry[] = [
  { method: 'GET', url: '/api/v1/me/addresses', access: 'user', who: 'shopper', ok: 200, bad: [] },
  {
    method: 'POST',
    url: '/api/v1/me/addresses',
    access: 'user',
    who: 'creator',
    body: ADDRESS,
    ok: 201,
    bad: [...ADDRESS_CASES(), bodyWithout('phone'), bodyWithout('detail')],
  },
  {
    method: 'PATCH',
    url: '/api/v1/me/addresses/:addressId',
    access: 'user',
    who: 'shopper',
    params: () => ({ addressId: fx.addresses.edit }),
    body: () => ({ detail: '文三路 200 号' }),
    ok: 200,
    bad: [
      ...ADDRESS_CASES(),
      paramAt('addressId', 'home'),
      { name: 'an empty change', kind: 'missing-field', body: () => ({}), expect: { status: 400, code: 'validation_failed', field: 'body' } },
      { name: 'un-defaulting the default address', kind: 'semantic', body: () => ({ isDefault: false }), expect: { status: 400, code: 'validation_failed', field: 'isDefault' } },
      { name: "someone else's address", kind: 'not-found', who: 'merchant', expect: { status: 404, code: 'not_found', field: 'addressId' } },
    ],
  },
  {
    method: 'DELETE',
    url: '/api/v1/me/addresses/:addressId',
    access: 'user',
    who: 'shopper',
    params: () => ({ addressId: fx.addresses.remove }),
    ok: 204,
    bad: [paramAt('addressId', 'home'), { name: "someone else's address", kind: 'not-found', who: 'merchant', expect: { status: 404, code: 'not_found', field: 'addressId' } }],
  },
  {
    method: 'POST',
    url: '/api/v1/merchant/orders/:orderId/address/reveal',
    access: ['merchant'],
    who: 'merchant',
    params: () => ({ orderId: fx.paidOrder }),
    ok: 200,
    wrongRole: nonMerchants,
    notOwner: ['other'],
    bad: [paramAt('orderId', 'order-1'), { name: 'an order that does not exist', kind: 'not-found', params: { orderId: 'ord_0000000000zzzzzzzzzz' }, expect: { status: 404, code: 'not_found', field: 'orderId' } }],
  },
  {
    method: 'GET',
    url: '/api/v1/ops/audit',
    access: ['operator'],
    who: 'operator',
    query: () => ({ subjectType: 'order' }),
    ok: 200,
    wrongRole: nonOperators,
    bad: [...PAGE_CASES(), queryAt('subjectType', 'Order!', 'malformed'), queryAt('actorId', 'someone', 'malformed')],
  },
];
