/**
 * z-score standardisation fitted on the training set only and applied unchanged to validation data and, through
 * the model file, to new patients: z = (x - mean_train) / sd_train with the sample SD (n - 1), as R's scale().
 * (glmnet standardises again internally with the population SD; its coefficients are reported back on the scale
 * of its input, here z-units, so the rad-score uses these z-scores directly.)
 */

export interface Standardiser {
  names: string[];
  mean: number[];
  sd: number[];
}

/** Mean and sample SD of each column; throws for a constant column (remove it with the variance filter first). */
export function fitStandardiser(columns: readonly ArrayLike<number>[], names: readonly string[]): Standardiser {
  if (columns.length !== names.length) throw new Error('columns and names differ in length');
  const mean: number[] = [];
  const sd: number[] = [];
  columns.forEach((c, j) => {
    const n = c.length;
    if (n < 2) throw new Error('standardisation needs at least two training rows');
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(c[i])) throw new Error(`feature "${names[j]}", training row ${i + 1}: value is not finite`);
      m += c[i];
    }
    m /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (c[i] - m) * (c[i] - m);
    const s = Math.sqrt(ss / (n - 1));
    if (!(s > 0)) throw new Error(`feature "${names[j]}" is constant in the training set and cannot be standardised`);
    mean.push(m);
    sd.push(s);
  });
  return { names: [...names], mean, sd };
}

/** Applies a fitted standardiser to columns in the same order as its names. */
export function applyStandardiser(st: Standardiser, columns: readonly ArrayLike<number>[]): number[][] {
  if (columns.length !== st.names.length) throw new Error(`expected ${st.names.length} feature columns, got ${columns.length}`);
  return columns.map((c, j) => Array.from(c, (x) => (x - st.mean[j]) / st.sd[j]));
}

/** Restricts a standardiser to the named features, in the given order. */
export function selectStandardiser(st: Standardiser, names: readonly string[]): Standardiser {
  const idx = names.map((n) => {
    const k = st.names.indexOf(n);
    if (k < 0) throw new Error(`feature "${n}" was not standardised`);
    return k;
  });
  return { names: [...names], mean: idx.map((k) => st.mean[k]), sd: idx.map((k) => st.sd[k]) };
}
