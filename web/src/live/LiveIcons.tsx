// Line icons of the live room, drawn inline (emoji fonts are not everywhere). Size follows the font.
import '../styles/liveShop.css';

const line = { width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function HeartIcon({ filled = false }: { filled?: boolean }) {
  return (
    <svg {...line} fill={filled ? 'currentColor' : 'none'} aria-hidden="true" className="icon">
      <path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2z" />
    </svg>
  );
}

export function BagIcon() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M5 8h14l-1.2 12.5H6.2z" />
      <path d="M9 10.5V6.8a3 3 0 0 1 6 0v3.7" />
    </svg>
  );
}

export function EyeIcon() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M2.5 12s3.5-6.5 9.5-6.5 9.5 6.5 9.5 6.5-3.5 6.5-9.5 6.5S2.5 12 2.5 12z" />
      <circle cx="12" cy="12" r="2.8" />
    </svg>
  );
}

export function CloseIcon() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}

export function SpeakerOffIcon() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4zM16 9.5l5 5M21 9.5l-5 5" />
    </svg>
  );
}

/** The three bouncing bars of a room that is on air. */
export function LiveBars() {
  return (
    <span className="live-bars" aria-hidden="true">
      <i />
      <i />
      <i />
    </span>
  );
}
