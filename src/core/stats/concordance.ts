/**
 * Harrell's concordance index for right-censored data with its infinitesimal-jackknife standard error, as
 * survival::concordance(coxfit) (survival 3.5, timewt = 'n', concordancefit + C routine concordance3).
 *
 * A pair (a, b) is comparable when a's time is shorter and a had the event; a censored time equal to an event time
 * counts as longer. Pairs of events at the same time are "tied on y" (tied_xy if the scores tie too) and excluded.
 * With risk scores r (higher = shorter survival, e.g. the Cox linear predictor): concordant if r_a > r_b,
 * discordant if r_a < r_b, tied_x if equal.
 *   N = conc + disc + tied_x;  Somers' d = (conc - disc)/N;  C = (d + 1)/2 = (conc + tied_x/2)/N
 * Each comparable pair is credited to both members: c_i, d_i, t_i per subject.
 *   dfbeta_i = ((c_i - d_i) - d (c_i + d_i + t_i)) / N;  Var(C) = sum_i dfbeta_i^2 / 4.
 * Times are compared exactly (R's aeqSurv only merges times that differ by rounding error).
 */

export interface ConcordanceResult {
  c: number;
  se: number;
  concordant: number;
  discordant: number;
  tiedX: number;
  tiedY: number;
  tiedXY: number;
}

/**
 * Concordance of risk scores with survival: O(n^2) over pairs, fine for cohorts of a few thousand.
 * `higherIsShorter` (default true, Cox risk scores); false when the score predicts longer survival.
 */
export function concordanceIndex(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  score: ArrayLike<number>,
  options: { higherIsShorter?: boolean } = {},
): ConcordanceResult {
  const n = time.length;
  if (event.length !== n || score.length !== n) throw new Error('time, event and score differ in length');
  const sign = (options.higherIsShorter ?? true) ? 1 : -1;
  const status = Array.from(event, Number);
  const conc = new Array<number>(n).fill(0);
  const disc = new Array<number>(n).fill(0);
  const tied = new Array<number>(n).fill(0);
  let tiedY = 0;
  let tiedXY = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let a: number; // shorter, with an event
      let b: number;
      if (time[i] < time[j]) [a, b] = [i, j];
      else if (time[j] < time[i]) [a, b] = [j, i];
      else {
        if (status[i] === 1 && status[j] === 1) {
          if (score[i] === score[j]) tiedXY++;
          else tiedY++;
          continue;
        }
        if (status[i] === 1) [a, b] = [i, j];
        else if (status[j] === 1) [a, b] = [j, i];
        else continue;
      }
      if (status[a] !== 1) continue;
      const diff = sign * (score[a] - score[b]);
      const target = diff > 0 ? conc : diff < 0 ? disc : tied;
      target[a]++;
      target[b]++;
    }
  }
  // every pair was credited twice, once to each member
  const concordant = conc.reduce((s, v) => s + v, 0) / 2;
  const discordant = disc.reduce((s, v) => s + v, 0) / 2;
  const tiedX = tied.reduce((s, v) => s + v, 0) / 2;
  const npair = concordant + discordant + tiedX;
  if (npair === 0) throw new Error('concordance needs at least one comparable pair (an event before another time)');
  const somers = (concordant - discordant) / npair;
  let varSomers = 0;
  for (let i = 0; i < n; i++) {
    const dfbeta = (conc[i] - disc[i]) / npair - (somers / npair) * (conc[i] + disc[i] + tied[i]);
    varSomers += dfbeta * dfbeta;
  }
  return { c: (somers + 1) / 2, se: Math.sqrt(varSomers / 4), concordant, discordant, tiedX, tiedY, tiedXY };
}
