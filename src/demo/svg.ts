// Generated product artwork: a soft gradient, a simple goods silhouette and the goods' name.
// Text is escaped even though it comes from our own vocabulary.

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SHAPES = [
  '<rect x="250" y="230" width="300" height="300" rx="48"/>',
  '<circle cx="400" cy="380" r="170"/>',
  '<path d="M400 200 L580 520 L220 520 Z"/>',
];

export function productSvg(name: string, kind: string, hue: number, variant: number): string {
  const shape = SHAPES[variant % SHAPES.length]!;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,92%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},65%,78%)"/></linearGradient></defs>
<rect width="800" height="800" fill="url(#g)"/>
<g fill="hsl(${hue},55%,55%)" opacity="0.85">${shape}</g>
<text x="400" y="650" font-family="PingFang SC,Microsoft YaHei,WenQuanYi Micro Hei,sans-serif" font-size="64" font-weight="700" text-anchor="middle" fill="hsl(${hue},45%,25%)">${esc(name)}</text>
<text x="400" y="720" font-family="PingFang SC,Microsoft YaHei,WenQuanYi Micro Hei,sans-serif" font-size="32" text-anchor="middle" fill="hsl(${hue},35%,35%)">${esc(kind)}</text>
</svg>`;
}

export function logoSvg(storeName: string, hue: number): string {
  const initial = [...storeName][0] ?? '店';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240" viewBox="0 0 240 240">
<rect width="240" height="240" rx="120" fill="hsl(${hue},60%,45%)"/>
<text x="120" y="150" font-family="PingFang SC,Microsoft YaHei,WenQuanYi Micro Hei,sans-serif" font-size="110" font-weight="700" text-anchor="middle" fill="#fff">${esc(initial)}</text>
</svg>`;
}
