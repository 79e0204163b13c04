// What every form dialog of the consoles shares: a native <dialog> opened as a modal on mount,
// a submit that shows "working…" and the server's message when it fails, and the footer with
// the error, 取消 and the submit button.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';

/** A ref for a <dialog> that opens as a modal once mounted. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return ref;
}

/** Runs `action` on submit: busy while it runs, its error message kept when it throws. */
export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(e?: FormEvent) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, onSubmit };
}

export function DialogFooter({ error, busy, disabled, onCancel, submitLabel, testId, extra }: { error: string | null; busy: boolean; disabled?: boolean; onCancel: () => void; submitLabel: string; testId?: string; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {error && <p className="form-error">{error}</p>}
      <div className="row-gap row-end">
        {extra}
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || disabled} data-testid={testId}>
          {busy ? t('common.working') : submitLabel}
        </button>
      </div>
    </>
  );
}
