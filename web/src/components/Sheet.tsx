// A bottom sheet (the phone pattern for pickers): a modal <dialog> that slides up, with a title
// bar and a close button; Esc and a tap on the backdrop close it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export function Sheet({ title, onClose, children, footer, testId }: { title: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; testId?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="sheet"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
      data-testid={testId}
    >
      <div className="sheet-head">
        <span className="sheet-title">{title}</span>
        <button type="button" className="sheet-close" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="sheet-body">{children}</div>
      {footer && <div className="sheet-foot">{footer}</div>}
    </dialog>
  );
}
