import type { InputHTMLAttributes } from 'react';
import { ApiError, errorMessage } from '../api';

/** A labelled input with the server's field error under it. */
export function Field({ label, error, testId, ...input }: { label: string; error?: string; testId?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={`field ${error ? 'field-invalid' : ''}`}>
      <span className="field-label">{label}</span>
      <input {...input} data-testid={testId} aria-invalid={!!error} />
      {error && (
        <span className="field-error" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </span>
      )}
    </label>
  );
}

/** Splits a thrown error into per-field messages and a general one (when no field matched). */
export function splitErrors(err: unknown, fields: string[]): { fields: Record<string, string>; general: string | null } {
  if (!(err instanceof ApiError)) return { fields: {}, general: errorMessage(err) };
  const all = err.fieldErrors();
  const mine: Record<string, string> = {};
  for (const f of fields) if (all[f]) mine[f] = all[f];
  return { fields: mine, general: Object.keys(mine).length > 0 ? null : errorMessage(err) };
}

/** Where to go after signing in: back where the user came from, else the merchant console or home. */
export function afterLogin(from: unknown, isMerchant: boolean): string {
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') && !from.startsWith('/register')) return from;
  return isMerchant ? '/merchant' : '/';
}
