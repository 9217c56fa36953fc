/**
 * PyRadiomics image type "lbp-3D" (imageoperations.getLBP3DImage, Banerjee et al. 2013), per ROI voxel p:
 * 1. the image is sampled at p + v for the 42 vertices v of trimesh's icosphere (subdivisions 1, radius R): the
 *    12 icosahedron vertices (+-1, +-t, 0), (0, +-1, +-t), (+-t, 0, +-1), t = golden ratio, and the 30 edge
 *    midpoints, all pushed onto the sphere of radius R. v = (v0, v1, v2) offsets numpy axes (z, y, x), i.e.
 *    our (x, y, z) += (v2, v1, v0). Cubic B-spline interpolation (bspline.ts); for an integer-typed image scipy
 *    writes the samples back in that type, rounded half away from zero, and so does this;
 * 2. k(p) = excess kurtosis (population moments) of the 42 samples, NaN when their variance is 0 (scipy);
 * 3. s_v = 1 when sample_v >= f(p);
 * 4. spherical harmonics as PyRadiomics calls scipy.special.sph_harm(m, n, theta, phi) with theta = arccos(v2 / R)
 *    and phi = atan2(v1, v0): scipy reads its 3rd argument as the azimuth and the 4th as the polar angle, so
 *    Y = N_nm P_n^m(cos phi) e^(i m theta) with the Condon-Shortley phase (kept as PyRadiomics computes it);
 * 5. c_nm = sum_v s_v Y_nm(v); level n response F_n(v) = sum_m c_nm Y_nm(v) (no conjugate, as PyRadiomics);
 *    lbp-3D-m(n+1) = Re sqrt(sum_v F_n(v)^2) (complex square and square root).
 * Outputs lbp-3D-m1 .. lbp-3D-m<levels>, then lbp-3D-k. Voxels outside the ROI are 0 here (PyRadiomics leaves
 * them uninitialised; features only read ROI voxels).
 */
import type { Mask, Volume } from '../../volume.js';
import { toFloat64, withData } from '../filter-volume.js';
import { splineCoefficients, splineSample } from './bspline.js';
import type { NamedImage } from './wavelet.js';

export interface Lbp3dOptions {
  /** lbp3DLevels (default 2) */
  levels: number;
  /** lbp3DIcosphereRadius (default 1), voxels */
  icosphereRadius: number;
  /** lbp3DIcosphereSubdivision: only 1 (the default) is implemented */
  icosphereSubdivision: 1;
}

/** The 42 vertices of the subdivided icosahedron on the sphere of radius r, as (v0, v1, v2). */
export function icosphereVertices(r: number): number[][] {
  const t = (1 + Math.sqrt(5)) / 2;
  const base = [
    [-1, t, 0], [1, t, 0], [-1, -t, 0], [1, -t, 0], [0, -1, t], [0, 1, t],
    [0, -1, -t], [0, 1, -t], [t, 0, -1], [t, 0, 1], [-t, 0, -1], [-t, 0, 1],
  ];
  const edgeLength2 = 4; // squared edge of this icosahedron (before normalisation)
  const verts = base.map((v) => [...v]);
  for (let i = 0; i < base.length; i++)
    for (let j = i + 1; j < base.length; j++) {
      const d2 = base[i].reduce((s, v, k) => s + (v - base[j][k]) ** 2, 0);
      if (Math.abs(d2 - edgeLength2) < 1e-9) verts.push(base[i].map((v, k) => (v + base[j][k]) / 2));
    }
  return verts.map((v) => {
    const n = Math.hypot(v[0], v[1], v[2]);
    return v.map((c) => (c / n) * r);
  });
}

interface Complex {
  re: number;
  im: number;
}

/** scipy sph_harm(m, n, az, pol) for n <= 1 (the levels PyRadiomics' default uses) and general n via recursion. */
function sphHarm(m: number, n: number, az: number, pol: number): Complex {
  const x = Math.cos(pol);
  const am = Math.abs(m);
  // associated Legendre P_n^|m|(x) with Condon-Shortley phase
  let pmm = 1;
  const s = Math.sqrt(Math.max(0, 1 - x * x));
  for (let k = 1; k <= am; k++) pmm *= -(2 * k - 1) * s;
  let p = pmm;
  if (n > am) {
    let p1 = x * (2 * am + 1) * pmm;
    let p0 = pmm;
    for (let l = am + 2; l <= n; l++) {
      const pl = ((2 * l - 1) * x * p1 - (l + am - 1) * p0) / (l - am);
      p0 = p1;
      p1 = pl;
    }
    p = p1;
  }
  let fact = 1;
  for (let k = n - am + 1; k <= n + am; k++) fact *= k;
  const norm = Math.sqrt(((2 * n + 1) / (4 * Math.PI)) / fact);
  let re = norm * p * Math.cos(am * az);
  let im = norm * p * Math.sin(am * az);
  if (m < 0) {
    // Y_n^-m = (-1)^m conj(Y_n^m)
    const sign = am % 2 === 0 ? 1 : -1;
    re = sign * re;
    im = -sign * im;
  }
  return { re, im };
}

const INTEGER_RANGE: Record<string, [number, number]> = {
  Int8Array: [-128, 127],
  Uint8Array: [0, 255],
  Int16Array: [-32768, 32767],
  Uint16Array: [0, 65535],
  Int32Array: [-2147483648, 2147483647],
  Uint32Array: [0, 4294967295],
};

export function pyradiomicsLbp3d(image: Volume, mask: Mask, o: Lbp3dOptions): NamedImage[] {
  if (o.icosphereSubdivision !== 1) throw new RangeError('only lbp3DIcosphereSubdivision = 1 is implemented');
  const dims = image.dims;
  const f = toFloat64(image);
  const coef = splineCoefficients(f, dims);
  const intRange = INTEGER_RANGE[image.data.constructor.name];
  const verts = icosphereVertices(o.icosphereRadius);
  const nv = verts.length;
  // harmonics table: k = 0 -> (0, 0); then n = 1 .. levels - 1, m = -n .. n
  const nIndex: number[] = [0];
  const Y: Complex[][] = verts.map(() => []);
  verts.forEach((v, i) => {
    const theta = Math.acos(v[2] / o.icosphereRadius);
    const phi = Math.atan2(v[1], v[0]);
    Y[i].push(sphHarm(0, 0, theta, phi));
  });
  for (let n = 1; n < o.levels; n++)
    for (let m = -n; m <= n; m++) {
      nIndex.push(n);
      verts.forEach((v, i) => {
        const theta = Math.acos(v[2] / o.icosphereRadius);
        const phi = Math.atan2(v[1], v[0]);
        Y[i].push(sphHarm(m, n, theta, phi));
      });
    }
  const nk = nIndex.length;
  const levelsOut = Array.from({ length: o.levels }, () => new Float64Array(f.length));
  const kurt = new Float64Array(f.length);
  const samples = new Float64Array(nv);
  const sgn = new Float64Array(nv);
  const cRe = new Float64Array(nk);
  const cIm = new Float64Array(nk);
  const [nx, ny, nz] = dims;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++) {
        const p = x + nx * (y + ny * z);
        if (!mask.data[p]) continue;
        let mean = 0;
        for (let v = 0; v < nv; v++) {
          let s = splineSample(coef, dims, x + verts[v][2], y + verts[v][1], z + verts[v][0]);
          if (intRange) s = Math.min(intRange[1], Math.max(intRange[0], Math.trunc(s > 0 ? s + 0.5 : s - 0.5)));
          samples[v] = s;
          mean += s;
        }
        mean /= nv;
        let m2 = 0;
        let m4 = 0;
        for (let v = 0; v < nv; v++) {
          const d = samples[v] - mean;
          m2 += d * d;
          m4 += d * d * d * d;
        }
        m2 /= nv;
        m4 /= nv;
        kurt[p] = m2 <= (1e-15 * mean) ** 2 ? NaN : m4 / (m2 * m2) - 3;
        const centre = f[p];
        for (let v = 0; v < nv; v++) sgn[v] = samples[v] >= centre ? 1 : 0;
        for (let k = 0; k < nk; k++) {
          let re = 0;
          let im = 0;
          for (let v = 0; v < nv; v++) {
            re += sgn[v] * Y[v][k].re;
            im += sgn[v] * Y[v][k].im;
          }
          cRe[k] = re;
          cIm[k] = im;
        }
        for (let n = 0; n < o.levels; n++) {
          let sRe = 0;
          let sIm = 0;
          for (let v = 0; v < nv; v++) {
            let fr = 0;
            let fi = 0;
            for (let k = 0; k < nk; k++) {
              if (nIndex[k] !== n) continue;
              fr += cRe[k] * Y[v][k].re - cIm[k] * Y[v][k].im;
              fi += cRe[k] * Y[v][k].im + cIm[k] * Y[v][k].re;
            }
            sRe += fr * fr - fi * fi;
            sIm += 2 * fr * fi;
          }
          // real part of the principal square root of sRe + i sIm
          levelsOut[n][p] = Math.sqrt((Math.hypot(sRe, sIm) + sRe) / 2);
        }
      }
  const out: NamedImage[] = levelsOut.map((d, n) => ({ name: `lbp-3D-m${n + 1}`, image: withData(image, d) }));
  out.push({ name: 'lbp-3D-k', image: withData(image, kurt) });
  return out;
}
