import { Type } from '@sinclair/typebox';
import { requirePrincipal } from '../../platform/http/access.ts';
import { Id, Strict } from '../../platform/http/schemas.ts';
import type { App } from '../../platform/http/server.ts';
import { AddressFields, AddressSchema, type AddressBook } from './addresses.ts';

const tags = ['identity'];
const signedIn = { access: 'user' as const };
const params = Strict({ addressId: Id() });

export function addressRoutes(app: App, book: AddressBook): void {
  app.get('/api/v1/me/addresses', { config: signedIn, schema: { tags, summary: 'My shipping addresses (the default first)', response: { 200: Type.Array(AddressSchema) } } }, async (req) =>
    book.list(requirePrincipal(req).userId),
  );

  app.post(
    '/api/v1/me/addresses',
    { config: signedIn, schema: { tags, summary: 'Add a shipping address (the first one becomes the default)', body: Strict({ ...AddressFields, isDefault: Type.Optional(Type.Boolean()) }), response: { 201: AddressSchema } } },
    async (req, reply) => reply.status(201).send(await book.add(requirePrincipal(req).userId, req.body)),
  );

  app.patch(
    '/api/v1/me/addresses/:addressId',
    {
      config: signedIn,
      schema: { tags, summary: 'Change an address, or make it the default', params, body: Type.Partial(Strict({ ...AddressFields, isDefault: Type.Boolean() }), { additionalProperties: false, minProperties: 1 }), response: { 200: AddressSchema } },
    },
    async (req) => book.update(requirePrincipal(req).userId, req.params.addressId, req.body),
  );

  app.delete('/api/v1/me/addresses/:addressId', { config: signedIn, schema: { tags, summary: 'Remove an address', params, response: { 204: Type.Null() } } }, async (req, reply) => {
    await book.remove(requirePrincipal(req).userId, req.params.addressId);
    return reply.status(204).send(null);
  });
}
