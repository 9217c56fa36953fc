import { describe, expect, it } from 'vitest';
import type { DicomFileRecord } from '../../src/core/dicom/file-record.js';
import { checkSeries } from '../../src/core/dicom/series-checks.js';
import { organiseStudy } from '../../src/core/dicom/study.js';
import type { Vec3 } from '../../src/core/volume.js';

function slice(n: number, position: Vec3, over: Partial<DicomFileRecord> = {}): DicomFileRecord {
  return {
    file: `IM${n}`,
    index: n,
    kind: 'image',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.4',
    sopInstanceUid: `1.2.3.${n}`,
    studyInstanceUid: '1.2',
    seriesInstanceUid: '1.2.3',
    frameOfReferenceUid: '1.2.9',
    modality: 'MR',
    seriesDescription: 'AX T2',
    protocolName: '',
    instanceNumber: n + 1,
    rows: 4,
    columns: 5,
    frames: 1,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    pixelRepresentation: 0,
    position,
    orientation: [1, 0, 0, 0, 1, 0],
    pixelSpacing: [0.9, 0.8],
    tags: {},
    ...over,
  };
}

const stack = (zs: number[], over: (n: number) => Partial<DicomFileRecord> = () => ({})) => zs.map((z, n) => slice(n, [-10, 5, z], over(n)));

describe('checkSeries', () => {
  it('orders slices along the normal and derives the geometry, whatever the file order', () => {
    const records = stack([7.5, 0, 5, 2.5]);
    const c = checkSeries(records);
    expect(c.problems).toEqual([]);
    expect(c.order.map((r) => r.file)).toEqual(['IM1', 'IM3', 'IM2', 'IM0']);
    expect(c.geometry).toEqual({ dims: [5, 4, 4], spacing: [0.8, 0.9, 2.5], origin: [-10, 5, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1] });
  });

  it('orders by the normal of an oblique or sagittal orientation', () => {
    // Sagittal: rows along -P... columns along -S; normal = r x c.
    const r = [0, 1, 0];
    const cdir = [0, 0, -1];
    const records = [2, 0, 1].map((k, n) => slice(n, [k * 3, 0, 0], { orientation: [...r, ...cdir] }));
    const c = checkSeries(records);
    expect(c.problems).toEqual([]);
    // n = (0,1,0) x (0,0,-1) = (-1, 0, 0): the slice at x = 6 comes first
    expect(c.order.map((x) => x.position![0])).toEqual([6, 3, 0]);
    expect(c.geometry!.direction).toEqual([0, 0, -1, 1, 0, 0, 0, -1, 0]);
  });

  it('accepts rounding jitter in positions', () => {
    expect(checkSeries(stack([0, 2.5001, 4.9999, 7.5])).problems).toEqual([]);
  });

  it('names the neighbours of a missing slice', () => {
    const c = checkSeries(stack([0, 2.5, 7.5, 10]));
    expect(c.geometry).toBeUndefined();
    expect(c.problems).toEqual([
      {
        kind: 'missing-slice',
        severity: 'error',
        message: 'missing slice: 1 slice missing between IM1 (at 2.5 mm) and IM2 (at 7.5 mm); the other slices are 2.5 mm apart',
        files: ['IM1', 'IM2'],
      },
    ]);
  });

  it('finds a missing slice among three (the most frequent, then the smallest, gap is the spacing)', () => {
    expect(checkSeries(stack([0, 2, 6])).problems.map((p) => p.message)).toEqual([
      'missing slice: 1 slice missing between IM1 (at 2 mm) and IM2 (at 6 mm); the other slices are 2 mm apart',
    ]);
    expect(checkSeries(stack([0, 2.5, 5, 12.5, 15])).problems.map((p) => p.message)).toEqual([
      'missing slices: 2 slices missing between IM2 (at 5 mm) and IM3 (at 12.5 mm); the other slices are 2.5 mm apart',
    ]);
  });

  it('names the files around a spacing that is no multiple of the others', () => {
    const c = checkSeries(stack([0, 2.5, 5, 8.7, 11.2]));
    expect(c.problems.map((p) => [p.kind, p.message])).toEqual([
      ['non-uniform-spacing', 'non-uniform slice spacing: IM2 and IM3 are 3.7 mm apart, the other slices 2.5 mm'],
    ]);
  });

  it('names two images at one position', () => {
    const c = checkSeries(stack([0, 2.5, 2.5, 5]));
    expect(c.problems.map((p) => p.kind)).toEqual(['duplicate-position']);
    expect(c.problems[0].message).toMatch(/^IM1 and IM2 lie at the same position \(2\.5 mm along the slice normal\)/);
  });

  it('names a slice of another orientation, a size that differs and a multi-frame file', () => {
    const records = stack([0, 2.5, 5, 7.5], (n) => (n === 2 ? { orientation: [1, 0, 0, 0, 0.8, 0.6] } : n === 3 ? { rows: 8 } : {}));
    records.push(slice(9, [-10, 5, 10], { frames: 3 }));
    const c = checkSeries(records);
    expect(c.problems.map((p) => [p.kind, p.files])).toEqual([
      ['multi-frame', ['IM9']],
      ['mixed-size', ['IM3']],
      ['mixed-orientation', ['IM2']],
    ]);
    expect(c.problems[2].message).toBe('mixed orientation (ImageOrientationPatient): IM2 has [1, 0, 0, 0, 0.8, 0.6] while the other 4 files have [1, 0, 0, 0, 1, 0]');
  });

  it('names files without position and a tilted stack', () => {
    expect(checkSeries(stack([0, 2.5], (n) => (n === 1 ? { position: undefined } : {}))).problems[0]).toMatchObject({
      kind: 'missing-tag',
      message: 'IM1: no ImagePositionPatient (0020,0032), so the slice cannot be placed',
    });
    const tilted = [0, 1, 2, 3].map((k) => slice(k, [0, k * 0.5, k * 2.5]));
    expect(checkSeries(tilted).problems.map((p) => p.kind)).toEqual(['not-along-normal']);
  });

  it('refuses slices with different rescale slopes or intercepts (itk-wasm decodes them wrongly), naming them', () => {
    const c = checkSeries(stack([0, 2.5, 5], (n) => ({ rescaleSlope: n === 2 ? 2 : 1, rescaleIntercept: 0 })));
    expect(c.problems).toEqual([
      {
        kind: 'varying-rescale',
        severity: 'error',
        message:
          'rescale slope/intercept (0028,1053/1052) differ between slices (slope 1, intercept 0: 2 files; slope 2, intercept 0: 1 file), which the decoder cannot handle: e.g. IM2',
        files: ['IM2'],
      },
    ]);
  });

  it('reports truncated pixel data with the file named', () => {
    const c = checkSeries(stack([0, 2.5], (n) => (n === 1 ? { pixelDataProblem: 'truncated: the pixel data holds 10 of the 40 bytes that 5x4 pixels of 16 bits need' } : {})));
    expect(c.problems.map((p) => p.message)).toEqual(['IM1: truncated: the pixel data holds 10 of the 40 bytes that 5x4 pixels of 16 bits need']);
  });
});

describe('organiseStudy', () => {
  it('groups series, removes duplicate instances, sets aside non-image objects and lists unreadable files', () => {
    const a = stack([0, 2.5, 5]);
    const b = stack([0, 3], (n) => ({ seriesInstanceUid: '1.2.4', sopInstanceUid: `1.2.4.${n}`, seriesDescription: 'AX LAVA ART', seriesNumber: 5 })).map((r) => ({
      ...r,
      file: `B/${r.file}`,
      index: r.index + 10,
    }));
    const dup = { ...a[1], file: 'copy/IM1', index: 20 };
    const seg = { ...slice(30, [0, 0, 0]), file: 'seg.dcm', kind: 'seg' as const, seriesInstanceUid: '1.2.5', sopInstanceUid: '1.2.5.1', modality: 'SEG' };
    const study = organiseStudy([
      ...a.map((record) => ({ file: record.file, record })),
      ...b.map((record) => ({ file: record.file, record })),
      { file: dup.file, record: dup },
      { file: seg.file, record: seg },
      { file: 'notes.txt', unreadable: 'not a DICOM file' },
    ]);
    expect(study.series.map((s) => [s.seriesInstanceUid, s.sliceCount, s.description, s.phase.phase, s.size, s.spacing])).toEqual([
      ['1.2.4', 2, 'AX LAVA ART', 'arterial', [5, 4, 2], [0.8, 0.9, 3]],
      ['1.2.3', 3, 'AX T2', 't2', [5, 4, 3], [0.8, 0.9, 2.5]],
    ]);
    expect(study.duplicates).toEqual([{ file: 'copy/IM1', duplicateOf: 'IM1', sopInstanceUid: '1.2.3.1' }]);
    expect(study.nonImage.map((o) => [o.file, o.kind])).toEqual([['seg.dcm', 'seg']]);
    expect(study.unreadable).toEqual([{ file: 'notes.txt', reason: 'not a DICOM file' }]);
    expect(study.series[1].files).toEqual(['IM0', 'IM1', 'IM2']);
    expect(study.series[1].decodable).toBe(true);
  });
});
