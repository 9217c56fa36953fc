/** In-place 2D complex FFT over a P0 x P1 grid stored with axis 0 fastest, built on the project's 1D Fft. */
import { Fft } from '../fft/fft.js';

export class Fft2 {
  private readonly f0: Fft;
  private readonly f1: Fft;
  private readonly colRe: Float64Array;
  private readonly colIm: Float64Array;

  constructor(
    readonly p0: number,
    readonly p1: number,
  ) {
    this.f0 = new Fft(p0);
    this.f1 = new Fft(p1);
    this.colRe = new Float64Array(p1);
    this.colIm = new Float64Array(p1);
  }

  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const { p0, p1 } = this;
    for (let r = 0; r < p1; r++) this.f0.transform(re.subarray(r * p0, (r + 1) * p0), im.subarray(r * p0, (r + 1) * p0), inverse);
    const cr = this.colRe;
    const ci = this.colIm;
    for (let c = 0; c < p0; c++) {
      for (let r = 0; r < p1; r++) {
        cr[r] = re[c + r * p0];
        ci[r] = im[c + r * p0];
      }
      this.f1.transform(cr, ci, inverse);
      for (let r = 0; r < p1; r++) {
        re[c + r * p0] = cr[r];
        im[c + r * p0] = ci[r];
      }
    }
  }
}
