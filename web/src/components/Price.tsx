import { fenToYuan } from '../money';

/** A price in the shopping-app style: small ¥, large yuan, small cents. */
export function Price({ fen, maxFen, size = 'md', testId }: { fen: number; maxFen?: number; size?: 'sm' | 'md' | 'lg'; testId?: string }) {
  const [whole, cents] = fenToYuan(fen).split('.');
  return (
    <span className={`price price-${size}`} data-testid={testId}>
      <small className="price-cur">¥</small>
      <span className="price-int">{whole}</span>
      {cents && <small className="price-dec">.{cents}</small>}
      {maxFen !== undefined && maxFen !== fen && <small className="price-max">–{fenToYuan(maxFen)}</small>}
    </span>
  );
}

export function ListPrice({ fen }: { fen: number }) {
  return <s className="list-price">¥{fenToYuan(fen)}</s>;
}
