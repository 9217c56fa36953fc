/**
 * Study import and series decode with the real itk-wasm pipelines (Node runner, worker thread), on DICOM built in
 * code: shuffled files, several series in one folder, files of the same name in different folders, oblique
 * orientation, RLE and implicit-VR transfer syntaxes, and one defect per series, each named in its own message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { StudyImport } from '../../src/core/dicom/study.js';
import { decodeSeries } from '../../src/io/dicom/decode-series.js';
import { DicomInputError } from '../../src/io/dicom/dicom-error.js';
import { importStudy, type DicomInput, type ImportProgress } from '../../src/io/dicom/import-study.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { zipSync } from 'fflate';
import {
  buildRtstruct,
  buildSeries,
  EXPLICIT_LE,
  IDENTITY,
  JPEG_LOSSLESS_SV1,
  obliqueDirection,
  part10,
  RLE_LOSSLESS,
  seriesVoxels,
  shuffled,
  truncate,
  withoutPreamble,
  type SeriesSpec,
} from '../helpers/dicom-synth.js';

afterAll(closeDicomRunner);

const T2: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.1.10',
  description: 'AX T2 HASTE',
  seriesNumber: 3,
  dims: [6, 5, 8],
  spacing: [0.75, 0.8, 3],
  origin: [-20, 30, 40],
  direction: IDENTITY,
  path: (k) => `T2/IM${k}`,
};

const ARTERIAL: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.1.11',
  description: 'LAVA arterial',
  seriesNumber: 5,
  dims: [7, 6, 5],
  spacing: [0.6, 0.65, 2],
  origin: [15, -8, 60],
  direction: obliqueDirection(20, 10),
  value: (i, j, k) => -500 + 3 * i + 7 * j * k,
  // the same file names as the T2 series, in another folder
  path: (k) => `ART/IM${k}`,
};

async function decodeAndCompare(files: DicomInput[], study: StudyImport, spec: SeriesSpec) {
  const summary = study.series.find((s) => s.seriesInstanceUid === spec.seriesUid)!;
  const { volume, warnings } = await decodeSeries(nodeRunner, files, summary);
  expect(warnings).toEqual([]);
  expect(volume.dims).toEqual(spec.dims);
  volume.spacing.forEach((s, k) => expect(s).toBeCloseTo(spec.spacing[k], 6));
  volume.origin.forEach((o, k) => expect(o).toBeCloseTo(spec.origin[k], 4));
  volume.direction.forEach((d, k) => expect(d).toBeCloseTo(spec.direction[k], 6));
  expect(volume.data).toBeInstanceOf(Int16Array);
  expect(Array.from(volume.data)).toEqual(Array.from(seriesVoxels(spec)));
}

describe('DICOM study import (itk-wasm read-dicom-tags) and series decode (read-image-dicom-file-series)', () => {
  it('groups shuffled files of two series with the same file names into series with their summaries', async () => {
    const files = shuffled([...buildSeries(T2), ...buildSeries(ARTERIAL)]).map((f) => ({ path: f.path, bytes: f.bytes }));
    const progress: ImportProgress[] = [];
    const study = await importStudy(nodeRunner, files, (p) => progress.push(p));
    expect(study.unreadable).toEqual([]);
    expect(study.duplicates).toEqual([]);
    expect(study.nonImage).toEqual([]);
    expect(study.series.map((s) => ({ uid: s.seriesInstanceUid, n: s.seriesNumber, d: s.description, m: s.modality, phase: s.phase.phase, size: s.size, count: s.sliceCount }))).toEqual([
      { uid: T2.seriesUid, n: 3, d: 'AX T2 HASTE', m: 'MR', phase: 't2', size: [6, 5, 8], count: 8 },
      { uid: ARTERIAL.seriesUid, n: 5, d: 'LAVA arterial', m: 'MR', phase: 'arterial', size: [7, 6, 5], count: 5 },
    ]);
    expect(study.series[0].spacing).toEqual([0.75, 0.8, 3]);
    expect(study.series[0].files).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((k) => `T2/IM${k}`));
    expect(study.series[1].files).toEqual([0, 1, 2, 3, 4].map((k) => `ART/IM${k}`));
    expect(study.series.every((s) => s.decodable && s.problems.length === 0)).toBe(true);
    expect(progress.at(-1)).toEqual({ phase: 'sorting', done: 1, total: 1 });
    expect(progress).toContainEqual({ phase: 'reading-tags', done: files.length, total: files.length });

    await decodeAndCompare(files, study, T2);
    await decodeAndCompare(files, study, ARTERIAL);

    // Files of two series in one call: itk-wasm silently keeps one of them; the geometry cross-check refuses it.
    const mixedUp = [...files].reverse();
    await expect(decodeSeries(nodeRunner, mixedUp, study.series[0])).rejects.toThrow(/the decoded volume disagrees with the slice positions: size \d+x\d+x\d+ instead of 6x5x8/);
  });

  it('decodes RLE Lossless, JPEG Lossless (process 14, SV1) and implicit VR little endian', async () => {
    for (const [name, spec] of [
      // full 16-bit range: large and wrapping prediction differences, -32768 included
      ['jpeg', { ...T2, seriesUid: '1.2.826.0.1.3680043.10.1.22', transferSyntax: JPEG_LOSSLESS_SV1, dims: [17, 9, 3], value: (i: number, j: number, k: number) => ((i * 7919 + j * 104729 + k * 31337) % 65536) - 32768 }],
      ['rle', { ...T2, seriesUid: '1.2.826.0.1.3680043.10.1.20', transferSyntax: RLE_LOSSLESS, value: (i: number, j: number, k: number) => (i * j * 97 - k * 1000) % 30000 }],
      ['implicit', { ...ARTERIAL, seriesUid: '1.2.826.0.1.3680043.10.1.21', transferSyntax: '1.2.840.10008.1.2' }],
    ] as [string, SeriesSpec][]) {
      const files = buildSeries(spec);
      const study = await importStudy(nodeRunner, shuffled(files, 3));
      expect(study.unreadable, name).toEqual([]);
      expect(study.series.length, name).toBe(1);
      await decodeAndCompare(files, study, spec);
    }
  });

  it('applies a rescale shared by all slices, and refuses slices whose rescale differs', async () => {
    const spec: SeriesSpec = { ...T2, seriesUid: '1.2.826.0.1.3680043.10.1.25', dims: [4, 3, 3], extra: { RescaleSlope: 1.5, RescaleIntercept: -10 } };
    const files = buildSeries(spec);
    const study = await importStudy(nodeRunner, files);
    const { volume } = await decodeSeries(nodeRunner, files, study.series[0]);
    expect(volume.data).toBeInstanceOf(Float64Array);
    expect(Array.from(volume.data)).toEqual(Array.from(seriesVoxels(spec)).map((v) => 1.5 * v - 10));

    // itk-wasm would return shifted values, zeros or abort here (measured), so the import stops it first.
    const mixed = [0, 1, 2].map((k) => buildSeries({ ...spec, seriesUid: '1.2.826.0.1.3680043.10.1.26', extra: { RescaleSlope: k === 2 ? 2 : 1 } })[k]);
    const refused = await importStudy(nodeRunner, mixed);
    expect(refused.series[0].problems.map((p) => [p.kind, p.files])).toEqual([['varying-rescale', ['T2/IM2']]]);
    await expect(decodeSeries(nodeRunner, mixed, refused.series[0])).rejects.toThrow(/rescale slope\/intercept \(0028,1053\/1052\) differ between slices/);
  });

  it('gives each defect its own message, naming the file(s), and refuses to decode a defective series', async () => {
    const base = (uid: string, description: string, n: number): SeriesSpec => ({ ...T2, seriesUid: uid, description, seriesNumber: n, dims: [4, 3, 6], path: (k) => `${description}/IM${k}.dcm` });
    const missing = buildSeries(base('1.2.826.0.1.3680043.10.1.31', 'missing', 31));
    missing.splice(3, 1);
    const truncated = buildSeries(base('1.2.826.0.1.3680043.10.1.32', 'truncated', 32));
    truncated[2] = { ...truncated[2], bytes: truncate(truncated[2].bytes, truncated[2].bytes.length - 10) };
    const rle = buildSeries({ ...base('1.2.826.0.1.3680043.10.1.33', 'rle-cut', 33), transferSyntax: RLE_LOSSLESS });
    rle[4] = { ...rle[4], bytes: truncate(rle[4].bytes, rle[4].bytes.length - 30) };
    const tilted = buildSeries(base('1.2.826.0.1.3680043.10.1.34', 'orientation', 34));
    tilted[1] = buildSeries({ ...base('1.2.826.0.1.3680043.10.1.34', 'orientation', 34), direction: obliqueDirection(5, 0) })[1];
    const duplicated = buildSeries(base('1.2.826.0.1.3680043.10.1.35', 'duplicated', 35));
    const multiFrame = part10(
      { ...datasetOf('1.2.826.0.1.3680043.10.1.36'), NumberOfFrames: 2, Rows: 3, Columns: 4 },
      EXPLICIT_LE,
      new Int16Array(24),
    );
    const files: DicomInput[] = shuffled([
      ...missing,
      ...truncated,
      ...rle,
      ...tilted,
      ...duplicated,
      { path: 'copies/IM1.dcm', bytes: duplicated[1].bytes },
      { path: 'multi/frames.dcm', bytes: multiFrame },
      { path: 'notes.txt', bytes: new TextEncoder().encode('not an image, just notes') },
      { path: 'empty.dcm', bytes: new Uint8Array(0) },
      { path: 'broken.dcm', bytes: truncate(duplicated[0].bytes, 150) },
      { path: 'raw-dataset.dcm', bytes: withoutPreamble(buildSeries(base('1.2.826.0.1.3680043.10.1.37', 'raw', 37))[0].bytes) },
      { path: 'rt/rtstruct.dcm', bytes: buildRtstruct({ referencedSeriesUid: duplicated[0].path, rois: [] }) },
      { path: 'sr.dcm', bytes: part10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.22', SOPInstanceUID: '1.2.826.0.1.3680043.10.1.40', Modality: 'SR', SeriesInstanceUID: '1.2.826.0.1.3680043.10.1.41' }, EXPLICIT_LE) },
      { path: 'pr.dcm', bytes: part10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.11.1', SOPInstanceUID: '1.2.826.0.1.3680043.10.1.42', Modality: 'PR', SeriesInstanceUID: '1.2.826.0.1.3680043.10.1.43' }, EXPLICIT_LE) },
      { path: 'DICOMDIR', bytes: part10({ FileSetID: 'SYNTH', SOPInstanceUID: '1.2.826.0.1.3680043.10.1.44' }, EXPLICIT_LE, undefined, '1.2.840.10008.1.3.10') },
    ], 11);
    const study = await importStudy(nodeRunner, files);

    const problems = (description: string) => study.series.find((s) => s.description === description)!.problems.map((p) => [p.kind, p.message]);
    expect(problems('missing')).toEqual([
      ['missing-slice', 'missing slice: 1 slice missing between missing/IM2.dcm (at 46 mm) and missing/IM4.dcm (at 52 mm); the other slices are 3 mm apart'],
    ]);
    expect(problems('truncated')).toEqual([
      ['truncated', 'truncated/IM2.dcm: truncated: the pixel data holds 14 of the 24 bytes that 4x3 pixels of 16 bits need'],
    ]);
    expect(problems('rle-cut')).toEqual([
      ['truncated', 'rle-cut/IM4.dcm: truncated: the compressed pixel data ends after 0 fragment(s), before its sequence delimiter'],
    ]);
    expect(problems('orientation')).toEqual([
      [
        'mixed-orientation',
        'mixed orientation (ImageOrientationPatient): orientation/IM1.dcm has [1, 0, 0, 0, 0.996, 0.087] while the other 5 files have [1, 0, 0, 0, 1, 0]',
      ],
    ]);
    expect(problems('duplicated')).toEqual([]);
    expect(study.series.find((s) => s.description === 'duplicated')!.sliceCount).toBe(6);
    expect(study.duplicates).toEqual([{ file: 'copies/IM1.dcm', duplicateOf: 'duplicated/IM1.dcm', sopInstanceUid: '1.2.826.0.1.3680043.10.1.35.2' }]);
    expect(study.series.find((s) => s.seriesInstanceUid === '1.2.826.0.1.3680043.10.1.36')!.problems.map((p) => p.message)).toEqual([
      'multi/frames.dcm: a multi-frame file (2 frames); multi-frame (enhanced) images are not supported yet, export the series as single-frame files',
    ]);
    expect(Object.fromEntries(study.unreadable.map((u) => [u.file, u.reason]))).toEqual({
      'notes.txt': 'not a DICOM file (no "DICM" marker at byte 128; itk-wasm: Could not read the input DICOM file)',
      'empty.dcm': 'the file is empty (0 bytes)',
      'raw-dataset.dcm':
        'a DICOM dataset without the Part 10 file header (no "DICM" marker at byte 128), which itk-wasm cannot read: export it again as a DICOM file',
      'broken.dcm': expect.stringMatching(/^a damaged or truncated DICOM file \(it ends inside an element at byte \d+ of 150\)$/),
    });
    expect(study.nonImage.map((o) => [o.file, o.kind]).sort()).toEqual([
      ['DICOMDIR', 'dicomdir'],
      ['pr.dcm', 'presentation-state'],
      ['rt/rtstruct.dcm', 'rtstruct'],
      ['sr.dcm', 'sr'],
    ]);
    // Every message is its own.
    const messages = study.series.flatMap((s) => s.problems.map((p) => p.message));
    expect(new Set(messages).size).toBe(messages.length);

    // A defective series is refused with its problems; a sound one in the same folder decodes.
    const bad = study.series.find((s) => s.description === 'missing')!;
    await expect(decodeSeries(nodeRunner, files, bad)).rejects.toThrow(DicomInputError);
    await expect(decodeSeries(nodeRunner, files, bad)).rejects.toThrow(/missing\/IM2\.dcm \(at 46 mm\) and missing\/IM4\.dcm/);
    const good = study.series.find((s) => s.description === 'duplicated')!;
    const { volume } = await decodeSeries(nodeRunner, files, good);
    expect(volume.dims).toEqual([4, 3, 6]);
    expect(Array.from(volume.data)).toEqual(Array.from(seriesVoxels(base('x', 'duplicated', 35))));
  });
});

function datasetOf(seriesUid: string) {
  return {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
    SOPInstanceUID: `${seriesUid}.1`,
    Modality: 'MR',
    SeriesInstanceUID: seriesUid,
    StudyInstanceUID: '1.2.826.0.1.3680043.10.1.1',
    ImagePositionPatient: [0, 0, 0],
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    PixelSpacing: [1, 1],
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
  };
}

describe('StudySession (what the pipeline worker and the CLI hold)', () => {
  it('asks for a series when there are several, lets the user set the phase, and decodes once per series', async () => {
    const noLabelMaps = async (name: string): Promise<never> => {
      throw new Error(`${name}: no label-map reader in this test`);
    };
    const session = new StudySession({ run: nodeRunner, decodeLabelMap: noLabelMaps });
    await session.import([...buildSeries(T2), ...buildSeries(ARTERIAL)]);
    expect(() => session.series()).toThrow(
      `the study holds 2 image series; choose one by SeriesInstanceUID:\n  series 3 "AX T2 HASTE" (MR, 8 slices, 6x5): ${T2.seriesUid}\n  series 5 "LAVA arterial" (MR, 5 slices, 7x6): ${ARTERIAL.seriesUid}`,
    );
    expect(() => session.series('1.2.3')).toThrow(/^no series 1\.2\.3 in the study; it holds:/);
    expect(session.setPhase(ARTERIAL.seriesUid, 'portal-venous').phase).toEqual({ phase: 'portal-venous', basis: 'user', reason: 'set by the user' });
    expect(session.series(ARTERIAL.seriesUid).phase.phase).toBe('portal-venous');
    const first = await session.decode(T2.seriesUid);
    expect(first.series.seriesInstanceUid).toBe(T2.seriesUid);
    expect((await session.decode(T2.seriesUid)).volume).toBe(first.volume);
    expect(Array.from((await session.decode(ARTERIAL.seriesUid)).volume.data)).toEqual(Array.from(seriesVoxels(ARTERIAL)));
  });

  it('imports a zip of a study (same names in two folders, resource forks left out) and names a damaged zip', async () => {
    const session = new StudySession({ run: nodeRunner, decodeLabelMap: async () => Promise.reject(new Error('unused')) });
    const entries = Object.fromEntries([...buildSeries(T2), ...buildSeries(ARTERIAL)].map((f) => [f.path, f.bytes]));
    const zip = zipSync({ ...entries, '__MACOSX/T2/._IM0': new Uint8Array([0, 5, 22, 7]), 'T2/': new Uint8Array(0) });
    const study = await session.import([{ path: 'study.zip', bytes: zip }, { path: 'notes.txt', bytes: new TextEncoder().encode('x') }]);
    expect(study.series.map((s) => [s.seriesInstanceUid, s.files[0]])).toEqual([
      [T2.seriesUid, 'study.zip/T2/IM0'],
      [ARTERIAL.seriesUid, 'study.zip/ART/IM0'],
    ]);
    expect(study.unreadable.map((u) => u.file)).toEqual(['notes.txt']);
    expect(Array.from((await session.decode(ARTERIAL.seriesUid)).volume.data)).toEqual(Array.from(seriesVoxels(ARTERIAL)));
    const damaged = zip.slice(0, 200);
    await expect(session.import([{ path: 'cut.zip', bytes: damaged }])).rejects.toThrow(/^cut\.zip: the zip archive cannot be read/);
  });
});
