/**
 * Orthogonal wavelet filter banks with the decomposition lowpass filters exactly as PyWavelets 1.x stores them
 * (pywt.Wavelet(name).dec_lo, applied as convolutions), so that PyRadiomics-style wavelets match PyWavelets. The
 * stored numbers agree with the closed forms to about 1e-12 (sym2 / sym3 are PyWavelets' older tables of db2 / db3;
 * coif1 differs from (r7 - 3, 1 - r7, 14 - 2 r7, 14 + 2 r7, 5 + r7, 1 - r7) / (16 sqrt 2) by 3e-13): the unit tests
 * check each against its closed form and its orthonormality, sum rules and vanishing moments.
 * dec_hi[k] = (-1)^(k+1) dec_lo[T-1-k] (quadrature mirror), as PyWavelets builds it.
 */
const DEC_LO: Record<string, number[]> = {
  haar: [0.7071067811865476, 0.7071067811865476],
  db2: [-0.12940952255126037, 0.2241438680420134, 0.8365163037378079, 0.48296291314453416],
  db3: [
    0.03522629188570953, -0.08544127388202666, -0.13501102001025458, 0.45987750211849154, 0.8068915093110925,
    0.33267055295008263,
  ],
  sym2: [-0.12940952255092145, 0.22414386804185735, 0.836516303737469, 0.48296291314469025],
  sym3: [
    0.035226291882100656, -0.08544127388224149, -0.13501102001039084, 0.4598775021193313, 0.8068915093133388,
    0.3326705529509569,
  ],
  coif1: [
    -0.015655728135791993, -0.07273261951252645, 0.3848648468648578, 0.8525720202116004, 0.3378976624574818,
    -0.07273261951252645,
  ],
};
DEC_LO.db1 = DEC_LO.haar;

export type WaveletName = 'haar' | 'db1' | 'db2' | 'db3' | 'sym2' | 'sym3' | 'coif1';

export const WAVELET_NAMES = Object.keys(DEC_LO) as WaveletName[];

export interface FilterBank {
  decLo: Float64Array;
  decHi: Float64Array;
}

export function waveletFilterBank(name: string): FilterBank {
  const lo = DEC_LO[name.toLowerCase()];
  if (!lo) throw new RangeError(`unknown wavelet ${name} (known: ${WAVELET_NAMES.join(', ')})`);
  const t = lo.length;
  const decLo = Float64Array.from(lo);
  const decHi = Float64Array.from({ length: t }, (_, k) => (k % 2 === 0 ? -1 : 1) * lo[t - 1 - k]);
  return { decLo, decHi };
}
