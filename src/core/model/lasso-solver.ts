/**
 * The point-and-path solver inside glmnet's binomial two-class fit (glmnet 4.1, glmnetpp elnet_path /
 * elnet_point binomial_two_class with type.logistic = "Newton"), step for step, on standardised columns.
 *
 * Objective at each lambda (weights w_i summing to 1, alpha the elastic-net mix, vp_j penalty factors):
 *   min_{b0, b}  -sum_i w_i [y_i eta_i - log(1 + e^eta_i)] + lambda sum_j vp_j (alpha |b_j| + (1 - alpha) b_j^2 / 2)
 * Outer loop (IRLS): q_i = 1/(1 + e^-eta_i) (eta clamped to +/- log(1/pmin - 1)), v_i = w_i q_i (1 - q_i),
 *   working residual r_i = w_i (y_i - q_i). Middle loop: coordinate descent over the strong set, then repeatedly
 *   over the active set until converged; for each coordinate, with xv_j = sum_i v_i x_ij^2:
 *   u = r . x_j + xv_j b_j;  b_j = sign(u) max(|u| - vp_j lambda alpha, 0) / (xv_j + vp_j lambda (1 - alpha));
 *   r -= (b_j_new - b_j_old) v x_j;  then the intercept moves by sum(r)/sum(v).
 *   A pass has converged when max_j xv_j (delta b_j)^2 (and sum(v) delta_b0^2) < thresh * dev0, dev0 the null
 *   deviance per unit weight. IRLS stops when no coefficient moved more than that since the last reweighting
 *   and every variable outside the strong set passes the KKT check |r . x_j| <= lambda alpha vp_j.
 * Lambda path: lambda_1 = "big" (null model), lambda_2 = alf * lambda_max with lambda_max = max_j |r0 . x_j| / vp_j
 *   / max(alpha, 1e-3), then lambda_k = alf lambda_(k-1), alf = max(lambda.min.ratio, 1e-6)^(1/(nlambda - 1)).
 *   Sequential strong rule: j joins the strong set when |r . x_j| > alpha (2 lambda_k - lambda_(k-1)) vp_j.
 * Early stop (not for a user lambda path; after at least mnlam = 5 lambdas): deviance ratio change < fdev = 1e-5,
 *   deviance ratio > devmax = 0.999, more than dfmax non-zero coefficients, or sum(v) <= vmin.
 */

export const GLMNET_CONTROL = { fdev: 1e-5, devmax: 0.999, eps: 1e-6, big: 9.9e35, mnlam: 5, pmin: 1e-9 } as const;

export interface SolverInput {
  /** Standardised columns (centred and scaled by lstandard1), length n each. */
  x: Float64Array[];
  y: Float64Array;
  /** Observation weights summing to 1. */
  w: Float64Array;
  /** Included variables (non-constant). */
  ju: boolean[];
  /** Penalty factors, normalised to sum to the number of variables. */
  vp: number[];
  alpha: number;
  nlam: number;
  /** lambda.min.ratio; >= 1 means "use ulam". */
  flmin: number;
  ulam: number[];
  thresh: number;
  maxit: number;
  intercept: boolean;
  /** dfmax (ne) and pmax (nx). */
  ne: number;
  nx: number;
}

export interface SolverOutput {
  lmu: number;
  a0: number[];
  /** Coefficients (standardised scale) per lambda, dense length p. */
  beta: Float64Array[];
  alm: number[];
  dev: number[];
  nin: number[];
  dev0: number;
  nlp: number;
  /** null, or why the path stopped before nlam values (maxit or pmax reached), as R's warning says. */
  stop: string | null;
}

class SolverStop extends Error {}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * One coordinate update: u = r . x_k + xv_k b_k, soft-threshold at l1, shrink by l2, clamp to +/- big; updates b[k]
 * and the residual r -= delta v x_k. Returns delta (0 when b_k did not change).
 */
function coordinateStep(k: number, b: Float64Array, xk: Float64Array, r: Float64Array, v: Float64Array, xvk: number, l1: number, l2: number): number {
  const old = b[k];
  const n = r.length;
  let gk = 0;
  for (let i = 0; i < n; i++) gk += r[i] * xk[i];
  const u = gk + old * xvk;
  const vv = Math.abs(u) - l1;
  let nb = 0;
  if (vv > 0) nb = Math.max(-GLMNET_CONTROL.big, Math.min(GLMNET_CONTROL.big, (u < 0 ? -vv : vv) / (xvk + l2)));
  b[k] = nb;
  if (nb === old) return 0;
  const diff = nb - old;
  for (let i = 0; i < n; i++) r[i] -= diff * v[i] * xk[i];
  return diff;
}

export function lognetSolve(inp: SolverInput): SolverOutput {
  const { x, y, w, ju, vp, alpha: beta, nlam, flmin, ulam, intercept: intr, maxit, ne, nx } = inp;
  const ni = x.length;
  const no = y.length;
  const { pmin, big, fdev: sml, devmax: rsqmax } = GLMNET_CONTROL;
  const vmin = (1 + pmin) * pmin * (1 - pmin);
  const fmax = Math.log(1 / pmin - 1);
  const fmin = -fmax;
  const omb = 1 - beta;

  // construct
  const b = new Float64Array(ni);
  const bs = new Float64Array(ni);
  let b0 = 0;
  let bs0 = 0;
  const xv = new Float64Array(ni);
  const q = new Float64Array(no);
  const v = new Float64Array(no);
  const r = new Float64Array(no);
  const ga = new Float64Array(ni);
  const ixx = new Array<boolean>(ni).fill(false);
  const mm = new Int32Array(ni);
  const ia: number[] = [];
  let nlp = 0;
  let q0 = dot(w, y);
  if (q0 <= pmin) throw new Error('null probability of the positive class < pmin: no events');
  if (q0 >= 1 - pmin) throw new Error('null probability of the positive class > 1 - pmin: no non-events');
  if (!intr) q0 = 0.5;
  const bz = intr ? Math.log(q0 / (1 - q0)) : 0;
  const vi = q0 * (1 - q0);
  b0 = bz;
  for (let i = 0; i < no; i++) {
    v[i] = vi * w[i];
    r[i] = w[i] * (y[i] - q0);
    q[i] = q0;
  }
  let xmz = vi;
  const dev1 = -(bz * q0 + Math.log(1 - q0));
  let dev0 = dev1;
  for (let i = 0; i < no; i++) {
    if (y[i] > 0) dev0 += w[i] * y[i] * Math.log(y[i]);
    if (y[i] < 1) dev0 += w[i] * (1 - y[i]) * Math.log(1 - y[i]);
  }
  const thr = inp.thresh * dev0;
  for (let j = 0; j < ni; j++) if (ju[j]) ga[j] = Math.abs(dot(r, x[j]));

  const alf = flmin < 1 ? Math.pow(Math.max(GLMNET_CONTROL.eps, flmin), 1 / (nlam - 1)) : 1;
  const mnl = Math.min(GLMNET_CONTROL.mnlam, nlam);
  const out: SolverOutput = { lmu: 0, a0: [], beta: [], alm: [], dev: [], nin: [], dev0, nlp: 0, stop: null };
  let lmdaCurr = 0;

  let dlx = 0;
  const pass = (full: boolean, ab: number, dem: number): boolean => {
    nlp++;
    dlx = 0;
    const list = full ? null : ia.slice();
    const count = full ? ni : list!.length;
    for (let c = 0; c < count; c++) {
      const k = full ? c : list![c];
      if (full && !ixx[k]) continue;
      const d = coordinateStep(k, b, x[k], r, v, xv[k], vp[k] * ab, vp[k] * dem);
      if (d === 0) continue;
      if (full && mm[k] === 0) {
        if (ia.length + 1 > nx) throw new SolverStop(`number of non-zero coefficients exceeds pmax = ${nx}`);
        ia.push(k);
        mm[k] = ia.length;
      }
      dlx = Math.max(xv[k] * d * d, dlx);
    }
    // intercept
    let d = 0;
    if (intr) {
      let rs = 0;
      for (let i = 0; i < no; i++) rs += r[i];
      d = rs / xmz;
    }
    if (d !== 0) {
      b0 += d;
      dlx = Math.max(xmz * d * d, dlx);
      for (let i = 0; i < no; i++) r[i] -= d * v[i];
    }
    if (dlx < thr) return true;
    if (nlp > maxit) throw new SolverStop(`convergence not reached after maxit = ${maxit} passes`);
    return false;
  };

  for (let m = 0; m < nlam; m++) {
    // initialize_point
    let alm0 = lmdaCurr;
    let alm = alm0;
    if (flmin >= 1) alm = ulam[m];
    else if (m > 1) alm *= alf;
    else if (m === 0) alm = big;
    else {
      alm0 = 0;
      for (let j = 0; j < ni; j++) if (ju[j] && vp[j] > 0) alm0 = Math.max(alm0, ga[j] / vp[j]);
      alm0 /= Math.max(beta, 1e-3);
      alm = alm0 * alf;
    }
    lmdaCurr = alm;
    const ab = alm * beta;
    const dem = alm * omb;
    let totalVarTooSmall = false;
    try {
      // strong set
      const tlam = beta * (2 * alm - alm0);
      for (let k = 0; k < ni; k++) if (!ixx[k] && ju[k] && ga[k] > tlam * vp[k]) ixx[k] = true;
      for (;;) {
        if (nlp > maxit) throw new SolverStop(`convergence not reached after maxit = ${maxit} passes`);
        // setup_wls
        bs0 = b0;
        for (const k of ia) bs[k] = b[k];
        for (let j = 0; j < ni; j++) {
          if (!ixx[j]) continue;
          let s = 0;
          const xj = x[j];
          for (let i = 0; i < no; i++) s += v[i] * xj[i] * xj[i];
          xv[j] = s;
        }
        // wls
        while (!pass(true, ab, dem)) while (!pass(false, ab, dem));
        // update_irls
        for (let i = 0; i < no; i++) {
          let fi = b0;
          for (const k of ia) fi += b[k] * x[k][i];
          q[i] = fi < fmin ? 0 : fi > fmax ? 1 : 1 / (1 + Math.exp(-fi));
        }
        xmz = 0;
        for (let i = 0; i < no; i++) {
          v[i] = w[i] * q[i] * (1 - q[i]);
          xmz += v[i];
        }
        if (xmz <= vmin) {
          totalVarTooSmall = true;
          break;
        }
        for (let i = 0; i < no; i++) r[i] = w[i] * (y[i] - q[i]);
        const d0 = b0 - bs0;
        let moved = xmz * d0 * d0 > thr;
        if (!moved) {
          for (const k of ia) {
            const d = b[k] - bs[k];
            if (xv[k] * d * d > thr) {
              moved = true;
              break;
            }
          }
        }
        if (!moved) {
          let added = false;
          for (let k = 0; k < ni; k++) {
            if (ixx[k] || !ju[k]) continue;
            ga[k] = Math.abs(dot(r, x[k]));
            if (ga[k] > ab * vp[k]) {
              ixx[k] = true;
              added = true;
            }
          }
          if (!added) break;
        }
      }
    } catch (e) {
      if (!(e instanceof SolverStop)) throw e;
      out.stop = `${e.message} at the ${m + 1}th lambda value; solutions for larger lambdas returned`;
      break;
    }
    // process_point_fit
    out.a0.push(b0);
    out.beta.push(Float64Array.from(b));
    let devi = 0;
    for (let i = 0; i < no; i++) {
      const pi = Math.min(Math.max(pmin, q[i]), 1 - pmin);
      devi -= w[i] * (y[i] * Math.log(pi) + (1 - y[i]) * Math.log(1 - pi));
    }
    const devm = (dev1 - devi) / dev0;
    out.dev.push(devm);
    let me = 0;
    for (const k of ia) if (b[k] !== 0) me++;
    const prev = m === 0 ? 0 : out.dev[m - 1];
    out.nin.push(ia.length);
    out.alm.push(alm);
    out.lmu = m + 1;
    if (out.lmu < mnl || flmin >= 1) continue;
    if (me > ne || devm - prev < sml || devm > rsqmax) break;
    if (totalVarTooSmall) break;
  }
  out.nlp = nlp;
  return out;
}
