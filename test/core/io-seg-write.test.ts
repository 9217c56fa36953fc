/**
 * The DICOM SEG writer read back with the project's own SEG reader (itk-wasm read-segmentation, dcmqi) onto the
 * image grid: the same voxels per segment, on axial and oblique series; the references to the source series'
 * instances checked with dcmjs.
 */
import dcmjs from 'dcmjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../src/core/volume.js';
import { loadMask } from '../../src/io/dicom/load-mask.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { readSegmentation } from '../../src/io/dicom/seg.js';
import { dicomLab, encodeSegmentation, SEGMENTATION_STORAGE, sourceSeriesFromFiles, type SourceSeries } from '../../src/io/dicom/seg-write.js';
import { createRoiSaver, createViewerModel } from '../../src/pipeline/roi-editing.js';
import { buildSeries, IDENTITY, MR_IMAGE_STORAGE, obliqueDirection, shuffled, sopUid, type SeriesSpec } from '../helpers/dicom-synth.js';

afterAll(closeDicomRunner);

// 8 x 7 pixels: a multiple of 8 per frame (see seg-write.ts on the reader's limit); 9 x 7 for the bit packing
const AXIAL: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.6.1', dims: [8, 7, 6], spacing: [0.8, 0.7, 2.5], origin: [-12, 20, 30], direction: IDENTITY };
const OBLIQUE: SeriesSpec = { ...AXIAL, seriesUid: '1.2.826.0.1.3680043.10.6.2', direction: obliqueDirection(18, -12) };
const ODD: SeriesSpec = { ...AXIAL, seriesUid: '1.2.826.0.1.3680043.10.6.3', dims: [9, 7, 6] };

const tumour = (i: number, j: number, k: number) => i >= 2 && i <= 5 && j >= 1 && j <= 4 && k >= 1 && k <= 3 && (i + j) % 5 !== 0;
const ring = (i: number, j: number, k: number) => !tumour(i, j, k) && i >= 1 && i <= 6 && j <= 5 && k >= 1 && k <= 4 && k !== 2;

function labelMask(spec: SeriesSpec): Volume {
  const [nx, ny, nz] = spec.dims;
  const data = new Uint8Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) data[i + nx * (j + ny * k)] = tumour(i, j, k) ? 1 : ring(i, j, k) ? 2 : 0;
  return { dims: spec.dims, spacing: spec.spacing, origin: spec.origin, direction: spec.direction, data };
}

function source(spec: SeriesSpec): SourceSeries {
  return {
    studyInstanceUid: '1.2.826.0.1.3680043.10.1.1',
    seriesInstanceUid: spec.seriesUid,
    frameOfReferenceUid: '1.2.826.0.1.3680043.10.1.2',
    sopClassUid: MR_IMAGE_STORAGE,
    sopInstanceUids: Array.from({ length: spec.dims[2] }, (_, k) => sopUid(spec, k)),
    patientName: 'Synthetic^Phantom',
    patientId: 'SYNTH-1',
  };
}

const segments = [
  { label: 1, name: 'tumour' },
  { label: 2, name: 'ring 5 mm', description: 'peritumoral ring' },
];

describe('DICOM SEG writer', () => {
  for (const spec of [AXIAL, OBLIQUE]) {
    const kind = spec === AXIAL ? 'axial' : 'oblique';
    it(`an ${kind} two-label mask reads back onto the image grid with the same voxels per segment`, async () => {
      const mask = labelMask(spec);
      const bytes = encodeSegmentation(mask, segments, { source: source(spec) });
      const seg = await readSegmentation(nodeRunner, 'roi.dcm', bytes);
      expect(seg.segments.map((s) => [s.number, s.label])).toEqual([
        [1, 'tumour'],
        [2, 'ring 5 mm'],
      ]);
      for (const s of [1, 2]) {
        const loaded = await loadMask(
          { run: nodeRunner, decodeLabelMap: async () => Promise.reject(new Error('not a label map')) },
          { path: 'roi.dcm', bytes },
          { geometry: spec, name: 'image', frameOfReferenceUid: '1.2.826.0.1.3680043.10.1.2' },
          { segments: [s] },
        );
        expect(loaded.kind).toBe('seg');
        expect(loaded.warnings).toEqual([]);
        expect(loaded.mask.dims).toEqual(spec.dims);
        const expected = Array.from(mask.data, (v) => (v === s ? 1 : 0));
        expect(Array.from(loaded.mask.data)).toEqual(expected);
      }
    });
  }

  it('references the source instances per frame and in the Common Instance Reference module', () => {
    const mask = labelMask(ODD);
    const bytes = encodeSegmentation(mask, segments, { source: source(ODD), seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.1' });
    const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as any;
    expect([ds.SOPClassUID, ds.Modality, ds.SegmentationType, ds.BitsAllocated, ds.Rows, ds.Columns]).toEqual([SEGMENTATION_STORAGE, 'SEG', 'BINARY', 1, 7, 9]);
    expect(ds.StudyInstanceUID).toBe('1.2.826.0.1.3680043.10.1.1');
    expect(ds.FrameOfReferenceUID).toBe('1.2.826.0.1.3680043.10.1.2');
    // tumour on slices 1..3, ring on 1, 3, 4: 6 frames; position index = rank among slices 1..4
    expect(ds.NumberOfFrames).toBe(6);
    const frames = ds.PerFrameFunctionalGroupsSequence as any[];
    expect(frames.map((f) => f.FrameContentSequence.DimensionIndexValues)).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 3],
      [2, 4],
    ]);
    expect(frames.map((f) => f.PlanePositionSequence.ImagePositionPatient.map(Number))).toEqual([1, 2, 3, 1, 3, 4].map((k) => [-12, 20, 30 + 2.5 * k]));
    expect(frames.map((f) => f.DerivationImageSequence.SourceImageSequence.ReferencedSOPInstanceUID)).toEqual([1, 2, 3, 1, 3, 4].map((k) => sopUid(ODD, k)));
    const refs = ds.ReferencedSeriesSequence;
    expect(refs.SeriesInstanceUID).toBe(ODD.seriesUid);
    expect(refs.ReferencedInstanceSequence.map((r: any) => r.ReferencedSOPInstanceUID)).toEqual([0, 1, 2, 3, 4, 5].map((k) => sopUid(ODD, k)));
    expect(ds.SegmentSequence.map((s: any) => [s.SegmentNumber, s.SegmentLabel])).toEqual([
      [1, 'tumour'],
      [2, 'ring 5 mm'],
    ]);
    // 63 pixels per frame: frames are packed back to back, not padded to bytes (PS3.5 8.1.1);
    // frame 2 is slice 3 of the tumour: its bits, from bit 2 * 63 on, equal the mask's slice
    const bits = new Uint8Array(ds.PixelData[0]);
    const got: number[] = [];
    for (let n = 0; n < 63; n++) got.push((bits[(126 + n) >> 3] >> ((126 + n) & 7)) & 1);
    expect(got).toEqual(Array.from(mask.data.subarray(3 * 63, 4 * 63), (v) => (v === 1 ? 1 : 0)));
  });

  it('writes a mask of a non-DICOM image (no source), numbering the segments present from 1', async () => {
    const mask = labelMask(AXIAL);
    // label 3 has no voxels: left out; label 2 becomes segment 1
    const bytes = encodeSegmentation(mask, [{ label: 3, name: 'empty' }, segments[1]]);
    const seg = await readSegmentation(nodeRunner, 'roi.dcm', bytes);
    expect(seg.segments.map((s) => [s.number, s.label])).toEqual([[1, 'ring 5 mm']]);
    const loaded = await loadMask(
      { run: nodeRunner, decodeLabelMap: async () => Promise.reject(new Error('not a label map')) },
      { path: 'roi.dcm', bytes },
      { geometry: AXIAL, name: 'image' },
    );
    expect(Array.from(loaded.mask.data)).toEqual(Array.from(mask.data, (v) => (v === 2 ? 1 : 0)));
    expect(() => encodeSegmentation({ ...mask, data: new Uint8Array(mask.data.length) }, segments)).toThrow(/empty/);
  });

  it('sourceSeriesFromFiles puts each file of the series on its slice, in any order', () => {
    for (const spec of [AXIAL, OBLIQUE]) {
      const files = shuffled(buildSeries(spec), 3).map((f) => f.bytes);
      const src = sourceSeriesFromFiles({ ...spec, data: new Uint8Array(0) }, files);
      expect(src.sopInstanceUids).toEqual([0, 1, 2, 3, 4, 5].map((k) => sopUid(spec, k)));
      expect([src.seriesInstanceUid, src.sopClassUid, src.patientId, src.patientName]).toEqual([spec.seriesUid, MR_IMAGE_STORAGE, 'SYNTH-1', 'Synthetic^Phantom']);
      expect(() => sourceSeriesFromFiles({ ...spec, data: new Uint8Array(0) }, files.slice(1))).toThrow(/slice/);
    }
  });

  it('dicomLab: white is L 100, a = b = 0 (DICOM-scaled 65535, 32896, 32896)', () => {
    // within 0.1 of L and 0.2 of a, b (the sRGB matrix is rounded to 4 digits)
    const white = dicomLab([255, 255, 255]);
    [65535, 32896, 32896].forEach((v, n) => expect(Math.abs(white[n] - v)).toBeLessThan(n === 0 ? 66 : 52));
    expect(dicomLab([0, 0, 0])).toEqual([0, 32896, 32896]);
  });

  it('the page saver (pipeline/roi-editing) writes ROI and ring from the editor as segments named for them', async () => {
    const files = buildSeries(AXIAL);
    const image: Volume = { ...AXIAL, data: new Int16Array(8 * 7 * 6) };
    const m = createViewerModel(image, labelMask(AXIAL).data as Uint8Array, 'MR');
    const saver = createRoiSaver(m, { stem: 'case', source: files.map((f) => f.bytes) });
    expect(saver.formats).toEqual(['nifti', 'seg']);
    const file = await saver.encode('seg');
    expect(file.name).toBe('case-seg.dcm');
    const seg = await readSegmentation(nodeRunner, file.name, file.bytes);
    expect(seg.segments.map((s) => [s.number, s.label])).toEqual([
      [1, 'ROI'],
      [2, 'Peritumoral ring'],
    ]);
    const loaded = await loadMask(
      { run: nodeRunner, decodeLabelMap: async () => Promise.reject(new Error('not a label map')) },
      { path: file.name, bytes: file.bytes },
      { geometry: AXIAL, name: 'image' },
      { segments: ['Peritumoral ring'] },
    );
    expect(Array.from(loaded.mask.data)).toEqual(Array.from(m.editor.labels, (v) => (v === 2 ? 1 : 0)));
  });
});
