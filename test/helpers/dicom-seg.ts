/** DICOM SEG built in code with itk-wasm writeSegmentation (dcmqi), Node only: it needs the referenced series on disk. */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeSegmentationNode } from '@itk-wasm/dicom';
import type { GridSpec, SynthFile } from './dicom-synth.js';
import { segInput, type SegmentSpec } from './dicom-seg-input.js';

export type { SegmentSpec };

/** A SEG over `series` (its files, in any order) with one segment per spec, numbered from 1; empty frames are left out. */
export async function buildSeg(grid: GridSpec, series: SynthFile[], segments: SegmentSpec[]): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wr-seg-'));
  const refs = series.map((f, n) => {
    const p = path.join(dir, 'ref', `${n}.dcm`);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, f.bytes);
    return p;
  });
  const { image, meta } = segInput(grid, segments);
  const out = path.join(dir, 'seg.dcm');
  // dcmqi reports its progress on the console: keep the test output readable.
  const { log, error } = console;
  console.log = () => {};
  console.error = () => {};
  try {
    await writeSegmentationNode(image, meta, out, { refDicomSeries: refs, skipEmptySlices: true, useLabelidAsSegmentnumber: true });
  } finally {
    console.log = log;
    console.error = error;
  }
  return new Uint8Array(readFileSync(out));
}
