// Line icons of the feed's action column, drawn inline. Size follows the font size.

const line = { width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function HeartIcon({ filled }: { filled: boolean }) {
  return (
    <svg {...line} fill={filled ? 'currentColor' : 'none'} aria-hidden="true" className="fd-icon">
      <path d="M12 20.5s-7.5-4.6-7.5-10.2A4.3 4.3 0 0 1 12 7.6a4.3 4.3 0 0 1 7.5 2.7c0 5.6-7.5 10.2-7.5 10.2z" />
    </svg>
  );
}

export function CommentIcon() {
  return (
    <svg {...line} aria-hidden="true" className="fd-icon">
      <path d="M4 5.5h16v10.5H11l-4.5 3.5V16H4z" />
      <path d="M8.5 10.8h.01M12 10.8h.01M15.5 10.8h.01" strokeWidth={2.6} />
    </svg>
  );
}

export function ShareIcon() {
  return (
    <svg {...line} aria-hidden="true" className="fd-icon">
      <path d="M13.5 4.5l7 6.5-7 6.5v-3.8c-5 0-8 1.6-10 5 .6-5.6 3.5-10 10-10.5z" />
    </svg>
  );
}

export function NotInterestedIcon() {
  return (
    <svg {...line} aria-hidden="true" className="fd-icon">
      <circle cx="12" cy="12" r="8" />
      <path d="M6.5 17.5l11-11" />
    </svg>
  );
}

export function WhyIcon() {
  return (
    <svg {...line} aria-hidden="true" className="fd-icon">
      <circle cx="12" cy="12" r="8" />
      <path d="M9.6 9.6a2.5 2.5 0 1 1 3.4 2.3c-.6.3-1 .8-1 1.5v.6M12 16.8h.01" />
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

export function CartIcon() {
  return (
    <svg {...line} aria-hidden="true" className="icon">
      <path d="M3 4h2.2l2.3 11h10.8l2-8H6.4" />
      <circle cx="9.5" cy="19.5" r="1.4" />
      <circle cx="16.5" cy="19.5" r="1.4" />
    </svg>
  );
}
