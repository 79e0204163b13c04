import { Type } from '@sinclair/typebox';
import { ROLES } from '../../platform/http/access.ts';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  createdAt: Type.String(),
});
