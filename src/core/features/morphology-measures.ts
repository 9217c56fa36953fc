/**
 * Voxel-point-set measures behind the IBSI 1 morphology features (section 3.1): the ROI point set X_c (4KW8),
 * its principal component analysis (major/minor/least axes TDIC, P9VJ, 7J51), the approximate enclosing
 * ellipsoid's surface (RDD2) and the centre of mass shift (KLMA).
 *
 * Positions are voxel centres in mm on the grid, (i sx, j sy, k sz); origin and direction cosines do not change
 * any distance, so they are not applied.
 */
import type { Vec3 } from '../volume.js';

/** Positions (x, y, z triplets, mm) of the voxels where mask != 0, in voxel order. */
export function maskPoints(mask: ArrayLike<number>, dims: Vec3, spacing: Vec3): Float64Array {
  const [nx, ny, nz] = dims;
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) count++;
  const out = new Float64Array(3 * count);
  let o = 0;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (!mask[i]) continue;
        out[o++] = x * spacing[0];
        out[o++] = y * spacing[1];
        out[o++] = z * spacing[2];
      }
    }
  }
  return out;
}

/**
 * How the covariance of the point set is normalised: 'sample' divides by N - 1 (the IBSI consensus; the phantom's
 * major axis length 11.4 needs it), 'population' by N (PyRadiomics).
 */
export type CovarianceNormalisation = 'sample' | 'population';

/**
 * Eigenvalues of the covariance matrix of a point set, largest first: lambda_major >= lambda_minor >=
 * lambda_least. NaN without points; zeros for a single point (it has no extent along any axis).
 */
export function principalMoments(points: Float64Array, normalisation: CovarianceNormalisation = 'sample'): [number, number, number] {
  const n = points.length / 3;
  const divisor = normalisation === 'sample' ? n - 1 : n;
  if (n === 0) return [NaN, NaN, NaN];
  if (divisor === 0) return [0, 0, 0];
  const mean = [0, 0, 0];
  for (let i = 0; i < points.length; i += 3) for (let k = 0; k < 3; k++) mean[k] += points[i + k];
  for (let k = 0; k < 3; k++) mean[k] /= n;
  const c = [0, 0, 0, 0, 0, 0]; // xx yy zz xy xz yz
  for (let i = 0; i < points.length; i += 3) {
    const x = points[i] - mean[0];
    const y = points[i + 1] - mean[1];
    const z = points[i + 2] - mean[2];
    c[0] += x * x;
    c[1] += y * y;
    c[2] += z * z;
    c[3] += x * y;
    c[4] += x * z;
    c[5] += y * z;
  }
  const m = [
    [c[0], c[3], c[4]],
    [c[3], c[1], c[5]],
    [c[4], c[5], c[2]],
  ].map((row) => row.map((v) => v / divisor));
  const ev = symmetricEigenvalues3(m).sort((a, b) => b - a);
  // round-off can leave tiny negative eigenvalues for flat point sets; a variance cannot be negative
  return [Math.max(ev[0], 0), Math.max(ev[1], 0), Math.max(ev[2], 0)];
}

/** Eigenvalues of a symmetric 3x3 matrix by cyclic Jacobi rotations (converges in a handful of sweeps). */
export function symmetricEigenvalues3(input: number[][]): number[] {
  const a = input.map((row) => row.slice());
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
    const diag = a[0][0] ** 2 + a[1][1] ** 2 + a[2][2] ** 2;
    if (off <= 1e-30 * diag || off === 0) break;
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      if (a[p][q] === 0) continue;
      const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const cos = 1 / Math.sqrt(t * t + 1);
      const sin = t * cos;
      for (let k = 0; k < 3; k++) {
        const akp = a[k][p];
        const akq = a[k][q];
        a[k][p] = cos * akp - sin * akq;
        a[k][q] = sin * akp + cos * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p][k];
        const aqk = a[q][k];
        a[p][k] = cos * apk - sin * aqk;
        a[q][k] = sin * apk + cos * aqk;
      }
    }
  }
  return [a[0][0], a[1][1], a[2][2]];
}

/**
 * Surface area of an ellipsoid with semi-axes a >= b >= c (IBSI RDD2):
 * A = 4 pi a b sum_{nu=0}^{terms} (alpha beta)^nu / (1 - 4 nu^2) P_nu((alpha^2 + beta^2) / (2 alpha beta)),
 * alpha = sqrt(1 - b^2/a^2), beta = sqrt(1 - c^2/a^2); IBSI stops after nu = 20.
 * Q_nu = (alpha beta)^nu P_nu(x) is evaluated with the Legendre recurrence multiplied through by (alpha beta)^nu,
 * (nu+1) Q_{nu+1} = (2nu+1) s Q_nu - nu t^2 Q_{nu-1} with s = (alpha^2 + beta^2)/2, t = alpha beta, so a sphere
 * (alpha = beta = 0) needs no division by zero.
 * Note: the series as IBSI prints it is not the exact ellipsoid area (it is exact for a sphere but e.g. 12 % low
 * for a 3:2 prolate spheroid). The IBSI consensus values (phantom area density 1.36; the exact area would give
 * 1.30) follow the printed series, so it is kept as printed.
 */
export function ellipsoidSurfaceArea(a: number, b: number, c: number, terms = 20): number {
  if (!(a > 0)) return NaN;
  const alpha = Math.sqrt(Math.max(0, 1 - (b * b) / (a * a)));
  const beta = Math.sqrt(Math.max(0, 1 - (c * c) / (a * a)));
  const s = 0.5 * (alpha * alpha + beta * beta);
  const t2 = (alpha * beta) ** 2;
  let qPrev = 1; // Q_0
  let q = s; // Q_1
  let sum = 1 + q / (1 - 4);
  for (let nu = 1; nu < terms; nu++) {
    const qNext = ((2 * nu + 1) * s * q - nu * t2 * qPrev) / (nu + 1);
    qPrev = q;
    q = qNext;
    sum += q / (1 - 4 * (nu + 1) ** 2);
  }
  return 4 * Math.PI * a * b * sum;
}

/**
 * Centre of mass shift (KLMA): distance between the centroid of the morphological point set and the
 * intensity-weighted centroid of the intensity point set, || CoM_geom - CoM_gl ||_2. NaN when the intensities
 * sum to zero (the weighted centroid is undefined).
 */
export function centreOfMassShift(morphPoints: Float64Array, intensityPoints: Float64Array, intensities: Float64Array): number {
  const n = morphPoints.length / 3;
  const geom = [0, 0, 0];
  for (let i = 0; i < morphPoints.length; i += 3) for (let k = 0; k < 3; k++) geom[k] += morphPoints[i + k];
  const weighted = [0, 0, 0];
  let total = 0;
  for (let j = 0; j < intensities.length; j++) {
    const w = intensities[j];
    total += w;
    for (let k = 0; k < 3; k++) weighted[k] += w * intensityPoints[3 * j + k];
  }
  if (n === 0 || total === 0) return NaN;
  return Math.hypot(geom[0] / n - weighted[0] / total, geom[1] / n - weighted[1] / total, geom[2] / n - weighted[2] / total);
}
