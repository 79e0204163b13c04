// Shared TypeBox building blocks for route schemas.
import { Type, type TSchema } from '@sinclair/typebox';
import { ID_PATTERN } from '../ids.ts';

export const Id = (description?: string) => Type.String({ pattern: ID_PATTERN, ...(description ? { description } : {}) });
export const Fen = (description = 'Amount in fen (1/100 yuan)') => Type.Integer({ minimum: 0, maximum: 10_000_000_000, description });

/** A closed object: unknown fields are a 400. */
export const Strict = <T extends Parameters<typeof Type.Object>[0]>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });

export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  field: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  requestId: Type.String(),
});

export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() });
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
};

/** The Idempotency-Key header of a write that must happen once (checkout, withdrawal). */
export const IdempotencyKey = Type.String({ minLength: 8, maxLength: 100, pattern: '^[\\w.:-]+$', description: 'Required: a repeat with the same key returns the first result' });

export const Ok = Type.Object({ ok: Type.Literal(true) });
