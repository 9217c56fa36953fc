/**
 * The DICOM path of the pipeline worker in Chromium: itk-wasm pipelines run in this thread (webWorker: false),
 * loaded from the server's own copy (never a CDN), on DICOM built in code. Same study session as the worker.
 */
import { expect } from 'chai';
import { writeSegmentation, setPipelinesBaseUrl } from '@itk-wasm/dicom';
import { useLocalDicomPipelines, browserRunner } from '../../src/io/dicom/runner-browser.js';
import { readImageBytes } from '../../src/io/read-image-browser.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import type { Volume } from '../../src/core/volume.js';
import './browser-helpers.js';
import { buildRtstruct, buildSeries, obliqueDirection, rectangleContour, RLE_LOSSLESS, seriesVoxels, shuffled, truncate, IDENTITY, type SeriesSpec } from '../helpers/dicom-synth.js';
import { segInput } from '../helpers/dicom-seg-input.js';

const PIPELINES = new URL('/node_modules/@itk-wasm/dicom/dist/pipelines', location.origin).href;
useLocalDicomPipelines(PIPELINES);
setPipelinesBaseUrl(PIPELINES);

// 8 columns: itk-wasm writeSegmentation (dcmqi) drops bits of frames whose pixel count is not a multiple of 8
// (a 6x5 frame loses its pixel 25), which would spoil the SEG written below, not the reader under test.
const T2: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.5.1', description: 'T2 TSE', seriesNumber: 1, dims: [8, 5, 4], spacing: [0.7, 0.8, 3], origin: [5, -5, 12], direction: IDENTITY, path: (k) => `a/IM${k}` };
const ART: SeriesSpec = {
  seriesUid: '1.2.826.0.1.3680043.10.5.2',
  description: 'arterial',
  seriesNumber: 2,
  dims: [5, 6, 5],
  spacing: [0.9, 0.6, 2],
  origin: [-3, 4, 50],
  direction: obliqueDirection(15, 25),
  transferSyntax: RLE_LOSSLESS,
  value: (i, j, k) => 1000 - 17 * i * j + k,
  path: (k) => `b/IM${k}`,
};

function setVoxels(v: Volume): string[] {
  const [nx, ny, nz] = v.dims;
  const out: string[] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (v.data[i + nx * (j + ny * k)]) out.push(`${i},${j},${k}`);
  return out;
}

describe('DICOM import and decode in Chromium (itk-wasm in this thread)', () => {
  const session = new StudySession({ run: browserRunner, decodeLabelMap: readImageBytes });
  const t2 = buildSeries(T2);
  const art = buildSeries(ART);
  const rt = buildRtstruct({ referencedSeriesUid: ART.seriesUid, rois: [{ number: 1, name: 'GTV', contours: [rectangleContour(ART, 2, 0.5, 1.5, 2.5, 3.5)] }] });
  const whole = buildSeries({ ...T2, seriesUid: '1.2.826.0.1.3680043.10.5.3', seriesNumber: 3 })[1].bytes;
  const cut = { path: 'a/cut.dcm', bytes: truncate(whole, whole.length - 30) };

  it('sorts shuffled files of two series (same names, RLE, oblique) and sets the RTSTRUCT aside', async () => {
    const progress: number[] = [];
    const study = await session.import(shuffled([...t2, ...art, { path: 'rt.dcm', bytes: rt }, { path: 'b/notes.txt', bytes: new TextEncoder().encode('hello') }, cut]), (p) =>
      progress.push(p.done),
    );
    expect(study.series.map((s) => [s.seriesInstanceUid, s.sliceCount, s.phase.phase, s.decodable])).to.deep.equal([
      [T2.seriesUid, 4, 't2', true],
      [ART.seriesUid, 5, 'arterial', true],
      ['1.2.826.0.1.3680043.10.5.3', 1, 't2', false],
    ]);
    expect(study.series[2].problems.map((p) => p.message)).to.deep.equal(['a/cut.dcm: truncated: the pixel data holds 50 of the 80 bytes that 8x5 pixels of 16 bits need']);
    expect(study.nonImage.map((o) => [o.file, o.kind])).to.deep.equal([['rt.dcm', 'rtstruct']]);
    expect(study.unreadable.map((u) => u.file)).to.deep.equal(['b/notes.txt']);
    expect(progress.length).to.be.greaterThan(0);
  });

  it('decodes each series voxel for voxel with its geometry', async () => {
    for (const spec of [T2, ART]) {
      const { volume, warnings } = await session.decode(spec.seriesUid);
      expect(warnings).to.deep.equal([]);
      expect(volume.dims).to.deep.equal(spec.dims);
      volume.direction.forEach((d, n) => expect(d).to.be.closeTo(spec.direction[n], 1e-6));
      volume.origin.forEach((o, n) => expect(o).to.be.closeTo(spec.origin[n], 1e-4));
      expect(Array.from(volume.data)).to.deep.equal(Array.from(seriesVoxels(spec)));
    }
  });

  it('rasterises the RTSTRUCT ROI on the oblique series', async () => {
    const m = await session.mask(ART.seriesUid, { studyFile: 'rt.dcm' }, { rois: ['GTV'] });
    expect(m.warnings).to.deep.equal([]);
    expect(setVoxels(m.mask)).to.deep.equal(['1,2,2', '2,2,2', '1,3,2', '2,3,2']);
  });

  it('reads a DICOM SEG written by itk-wasm in this thread back voxel for voxel', async () => {
    const inside = (i: number, j: number, k: number) => i >= 1 && i <= 3 && j >= 2 && k === 1;
    const { image, meta } = segInput(T2, [{ label: 'lesion', voxels: inside }]);
    const refs = t2.map((f, n) => ({ path: `ref-${n}.dcm`, data: f.bytes.slice() }));
    const { outputDicomFile } = await writeSegmentation(image, meta, 'seg.dcm', { refDicomSeries: refs, skipEmptySlices: true, useLabelidAsSegmentnumber: true, webWorker: false });
    const m = await session.mask(T2.seriesUid, { file: { path: 'seg.dcm', bytes: outputDicomFile.data } });
    expect(m.description).to.equal('segment 1 "lesion"');
    expect(m.warnings).to.deep.equal([]);
    const expected: string[] = [];
    for (let j = 2; j < 5; j++) for (let i = 1; i <= 3; i++) expected.push(`${i},${j},1`);
    expect(setVoxels(m.mask)).to.deep.equal(expected);
  });
});
