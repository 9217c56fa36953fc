/** Number formats of the study's tables, shared by the app and the report so both print the same text. */

/** Fixed decimals; "NA" for missing, and no "-0.000". */
export function fixed(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'NA';
  const s = v.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

export const f3 = (v: number | null | undefined): string => fixed(v, 3);

export const f2 = (v: number | null | undefined): string => fixed(v, 2);

/** "0.803 (0.671-0.935)" */
export const withCi = (v: number | null, lo: number | null, hi: number | null, f: (x: number | null) => string = f3): string => `${f(v)} (${f(lo)}-${f(hi)})`;

/** p-values: 3 decimals, "< 0.001" below. */
export function pText(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'NA';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** Proportions as percentages with one decimal. */
export const percent = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? 'NA' : `${(100 * v).toFixed(1)}%`);

/** Survival medians: "12.3 (9.1-15.0)", "not reached" when undefined. */
export function medianText(m: readonly [number | null, number | null, number | null]): string {
  const one = (v: number | null) => (v === null ? 'NR' : v.toFixed(1));
  if (m[0] === null) return 'not reached';
  return `${one(m[0])} (${one(m[1])}-${one(m[2])})`;
}

/** Coefficients and other small reals: 4 significant digits. */
export const sig4 = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? 'NA' : Number(v.toPrecision(4)).toString());
