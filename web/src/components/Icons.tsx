// Line icons drawn inline (emoji fonts are not everywhere). Size follows the font size.

const base = { width: '1em', height: '1em', viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export function CartIcon() {
  return (
    <svg {...base} aria-hidden="true" className="icon">
      <path d="M3 4h2.2l2.3 11h10.8l2-8H6.4" />
      <circle cx="9.5" cy="19.5" r="1.4" />
      <circle cx="16.5" cy="19.5" r="1.4" />
    </svg>
  );
}

export function TruckIcon() {
  return (
    <svg {...base} aria-hidden="true" className="icon">
      <path d="M2.5 6.5h11v9h-11zM13.5 9.5h4l3 3v3h-7" />
      <circle cx="6.5" cy="17.5" r="1.6" />
      <circle cx="17" cy="17.5" r="1.6" />
    </svg>
  );
}
