/**
 * A minimal JPEG Lossless encoder (ITU-T T.81 Annex H: process 14, first-order prediction, selection value 1),
 * the DICOM transfer syntax 1.2.840.10008.1.2.4.70 that most lossless clinical archives use, so that tests can
 * build such files in code. One component, one Huffman table in which every difference category has a 5-bit code.
 */

class BitWriter {
  private readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number): void {
    for (let b = length - 1; b >= 0; b--) {
      this.acc = (this.acc << 1) | ((value >>> b) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    // A 0xFF in entropy-coded data is followed by a stuffed 0x00 (T.81 F.1.2.3).
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }

  /** Pads the last byte with 1-bits (T.81 F.1.2.3). */
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1);
    return this.bytes;
  }
}

/** Encodes one frame of unsigned `precision`-bit samples (signed data: pass its two's-complement bit patterns). */
export function encodeJpegLossless(samples: ArrayLike<number>, rows: number, cols: number, precision = 16): Uint8Array {
  const mask = 2 ** precision - 1;
  const out: number[] = [0xff, 0xd8]; // SOI
  // SOF3: lossless, Huffman; P, Y, X, one component (id 1, 1x1 sampling, no quantisation table)
  out.push(0xff, 0xc3, 0, 11, precision, rows >> 8, rows & 0xff, cols >> 8, cols & 0xff, 1, 1, 0x11, 0);
  // DHT: table class 0 (DC / lossless), id 0; 17 codes of length 5 for categories 0..16
  const bits = new Array(16).fill(0);
  bits[4] = 17;
  const values = Array.from({ length: 17 }, (_, s) => s);
  out.push(0xff, 0xc4, 0, 2 + 1 + 16 + 17, 0x00, ...bits, ...values);
  // SOS: one component, table 0; Ss = 1 (predictor Ra), Se = 0, Ah/Al = 0 (no point transform)
  out.push(0xff, 0xda, 0, 8, 1, 1, 0x00, 1, 0, 0);
  const w = new BitWriter();
  const at = (r: number, c: number) => samples[r * cols + c] & mask;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const prediction = r === 0 && c === 0 ? 2 ** (precision - 1) : c === 0 ? at(r - 1, 0) : at(r, c - 1);
      let diff = (at(r, c) - prediction) & 0xffff; // modulo 2^16 (T.81 H.1.2.1)
      if (diff >= 0x8000) diff -= 0x10000;
      const ssss = diff === -0x8000 ? 16 : diff === 0 ? 0 : 32 - Math.clz32(Math.abs(diff));
      w.write(ssss, 5); // canonical codes: category s has code s
      if (ssss > 0 && ssss < 16) w.write(diff > 0 ? diff : (diff - 1) & ((1 << ssss) - 1), ssss);
    }
  }
  out.push(...w.finish(), 0xff, 0xd9); // EOI
  return new Uint8Array(out);
}
