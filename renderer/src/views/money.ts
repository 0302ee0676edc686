/** USD as the app shows it: cents from a dollar up, four decimals below (one call costs fractions of a cent). */
export const usd = (n: number | null): string => (n === null ? '—' : `$${n.toFixed(Math.abs(n) < 1 && n !== 0 ? 4 : 2)}`);
