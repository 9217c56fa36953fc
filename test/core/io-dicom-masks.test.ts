/**
 * Masks for a decoded DICOM series, with the real itk-wasm pipelines (Node): DICOM SEG written by itk-wasm
 * writeSegmentation (dcmqi), RTSTRUCT written by dcmjs and rasterised onto axial and oblique grids, NIfTI label maps
 * on the image grid and on another grid. Voxel for voxel against the masks they were built from.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Volume } from '../../src/core/volume.js';
import { loadMask, type MaskDecoders } from '../../src/io/dicom/load-mask.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildRtstruct, buildSeries, IDENTITY, obliqueDirection, rectangleContour, type SeriesSpec, type SynthFile } from '../helpers/dicom-synth.js';
import { buildSeg } from '../helpers/dicom-seg.js';
import { writeNifti1 } from '../helpers/nifti.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wr-masks-'));
const decoders: MaskDecoders = {
  run: nodeRunner,
  // the Node NIfTI/NRRD reader reads from disk: tests write the label map first
  decodeLabelMap: async (name, bytes) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return readImageFile(file);
  },
};

afterAll(async () => {
  await closeDicomRunner();
  await closeImageReader();
});

const AXIAL: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.2.1', dims: [8, 7, 5], spacing: [0.8, 0.7, 2.5], origin: [-12, 20, 30], direction: IDENTITY };
const OBLIQUE: SeriesSpec = { ...AXIAL, seriesUid: '1.2.826.0.1.3680043.10.2.2', direction: obliqueDirection(18, -12) };

/** The set voxels of a mask as "i,j,k" strings, in storage order. */
function setVoxels(v: Volume): string[] {
  const [nx, ny, nz] = v.dims;
  const out: string[] = [];
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) if (v.data[i + nx * (j + ny * k)]) out.push(`${i},${j},${k}`);
  return out;
}

function expected(dims: [number, number, number], inside: (i: number, j: number, k: number) => boolean): string[] {
  const out: string[] = [];
  for (let k = 0; k < dims[2]; k++) for (let j = 0; j < dims[1]; j++) for (let i = 0; i < dims[0]; i++) if (inside(i, j, k)) out.push(`${i},${j},${k}`);
  return out;
}

async function session(files: SynthFile[]): Promise<StudySession> {
  const s = new StudySession(decoders);
  await s.import(files);
  return s;
}

const tumour = (i: number, j: number, k: number) => i >= 2 && i <= 4 && j >= 1 && j <= 3 && k >= 1 && k <= 3;
const vessel = (i: number, j: number, k: number) => i === 6 && j >= 4 && k >= 2;

describe('DICOM SEG masks (itk-wasm read-segmentation)', () => {
  for (const spec of [AXIAL, OBLIQUE]) {
    const kind = spec === AXIAL ? 'axial' : 'oblique';
    it(`reads chosen segments onto the ${kind} image grid voxel for voxel`, async () => {
      const series = buildSeries(spec);
      const seg = await buildSeg(spec, series, [
        { label: 'tumour', voxels: tumour },
        { label: 'vessel', voxels: vessel },
      ]);
      const s = new StudySession(decoders);
      const study = await s.import([...series, { path: 'SEG/seg.dcm', bytes: seg }]);
      expect(study.nonImage.map((o) => [o.file, o.kind])).toEqual([['SEG/seg.dcm', 'seg']]);

      const one = await s.mask(undefined, { studyFile: 'SEG/seg.dcm' }, { segments: [1] });
      expect(one.kind).toBe('seg');
      expect(one.description).toBe('segment 1 "tumour"');
      // dcmqi stores only the frames it needs: a whole-slice shift of the image grid, copied without a warning
      expect(one.warnings).toEqual([]);
      expect(one.mask.dims).toEqual(spec.dims);
      expect(setVoxels(one.mask)).toEqual(expected(spec.dims, tumour));
      expect(one.voxels).toBe(27);

      const byLabel = await s.mask(undefined, { studyFile: 'SEG/seg.dcm' }, { segments: ['Vessel'] });
      expect(setVoxels(byLabel.mask)).toEqual(expected(spec.dims, vessel));
      const both = await s.mask(undefined, { studyFile: 'SEG/seg.dcm' }, { segments: [1, 'vessel'] });
      expect(setVoxels(both.mask)).toEqual(expected(spec.dims, (i, j, k) => tumour(i, j, k) || vessel(i, j, k)));
      expect(both.description).toBe('segment 1 "tumour" + 2 "vessel"');

      await expect(s.mask(undefined, { studyFile: 'SEG/seg.dcm' })).rejects.toThrow(
        'SEG/seg.dcm holds 2 segments (1 "tumour", 2 "vessel"): choose one or several by number or label',
      );
      await expect(s.mask(undefined, { studyFile: 'SEG/seg.dcm' }, { segments: [3] })).rejects.toThrow('SEG/seg.dcm has no segment 3 (segments: 1 "tumour", 2 "vessel")');
    });
  }
});

describe('RTSTRUCT masks (dcmjs, rasterised in core)', () => {
  for (const spec of [AXIAL, OBLIQUE]) {
    const kind = spec === AXIAL ? 'axial' : 'oblique';
    it(`rasterises ROIs with holes and several contours per slice onto the ${kind} grid`, async () => {
      const series = buildSeries(spec);
      const rt = buildRtstruct({
        referencedSeriesUid: spec.seriesUid,
        rois: [
          {
            number: 1,
            name: 'GTV',
            contours: [
              rectangleContour(spec, 1, 0.5, 0.5, 6.5, 5.5), // slice 1: a ring (outer ...
              rectangleContour(spec, 1, 2.5, 1.5, 4.5, 3.5), // ... minus a hole)
              rectangleContour(spec, 2, 0.5, 0.5, 1.5, 1.5), // slice 2: two islands
              rectangleContour(spec, 2, 4.5, 3.5, 6.5, 5.5, true),
            ],
          },
          { number: 2, name: 'Liver', contours: [rectangleContour(spec, 3, -0.5, -0.5, 7.5, 6.5)] },
          { number: 3, name: 'Marker', contours: [rectangleContour(spec, 0, 1, 1, 1, 1).slice(0, 3)], geometricType: 'POINT' },
        ],
      });
      const s = await session([...series, { path: 'rt.dcm', bytes: rt }]);
      const gtv = await s.mask(undefined, { studyFile: 'rt.dcm' }, { rois: ['gtv'] });
      expect(gtv.kind).toBe('rtstruct');
      expect(gtv.warnings).toEqual([]);
      expect(gtv.description).toBe('ROI "GTV"');
      const ring = (i: number, j: number) => i >= 1 && i <= 6 && j >= 1 && j <= 5 && !(i >= 3 && i <= 4 && j >= 2 && j <= 3);
      const islands = (i: number, j: number) => (i === 1 && j === 1) || (i >= 5 && i <= 6 && j >= 4 && j <= 5);
      expect(setVoxels(gtv.mask)).toEqual(expected(spec.dims, (i, j, k) => (k === 1 && ring(i, j)) || (k === 2 && islands(i, j))));

      const two = await s.mask(undefined, { studyFile: 'rt.dcm' }, { rois: ['GTV', 'Liver'] });
      expect(two.voxels).toBe(gtv.voxels + 8 * 7);

      const point = s.mask(undefined, { studyFile: 'rt.dcm' }, { rois: ['Marker'] });
      await expect(point).rejects.toThrow('rt.dcm: ROI "Marker" does not overlap series 1 "synthetic" (MR, 5 slices, 8x7): ' + spec.seriesUid + ': none of its contours lies on a slice of the image');
      await expect(s.mask(undefined, { studyFile: 'rt.dcm' })).rejects.toThrow(/rt\.dcm holds 2 ROIs with contours \("GTV" \(4 contours\), "Liver" \(1 contour\), "Marker" \(0 contours\)\): choose one or several by name/);
      await expect(s.mask(undefined, { studyFile: 'rt.dcm' }, { rois: ['Spleen'] })).rejects.toThrow('rt.dcm has no ROI "Spleen"');
    });
  }

  it('warns when the ROI was drawn in another frame of reference, and refuses contours outside the image', async () => {
    const series = buildSeries(AXIAL);
    const elsewhere = { ...AXIAL, origin: [-12, 20, 300] as [number, number, number] };
    const rt = buildRtstruct({
      referencedSeriesUid: AXIAL.seriesUid,
      frameOfReferenceUid: '1.2.826.0.1.3680043.10.2.99',
      rois: [
        { number: 1, name: 'GTV', contours: [rectangleContour(AXIAL, 2, 1.5, 1.5, 3.5, 3.5)] },
        { number: 2, name: 'Far', contours: [rectangleContour(elsewhere, 2, 1.5, 1.5, 3.5, 3.5)] },
      ],
    });
    const s = await session(series);
    const m = await s.mask(undefined, { file: { path: 'other/rt.dcm', bytes: rt } }, { rois: ['GTV'] });
    expect(m.warnings).toEqual([
      `other/rt.dcm: ROI "GTV" was drawn in another frame of reference (1.2.826.0.1.3680043.10.2.99) than series 1 "synthetic" (MR, 5 slices, 8x7): ${AXIAL.seriesUid} (1.2.826.0.1.3680043.10.1.2)`,
    ]);
    expect(m.voxels).toBe(4);
    await expect(s.mask(undefined, { file: { path: 'other/rt.dcm', bytes: rt } }, { rois: ['Far'] })).rejects.toThrow(/ROI "Far" does not overlap/);
  });
});

describe('NIfTI label maps on a DICOM series', () => {
  // writeNifti1 stores an LPS-identity direction and origin 0: the DICOM series is built on that grid.
  const GRID: SeriesSpec = { seriesUid: '1.2.826.0.1.3680043.10.2.3', dims: [6, 5, 4], spacing: [1, 1, 2], origin: [0, 0, 0], direction: IDENTITY };

  it('chooses labels of a label map on the image grid, with no warning', async () => {
    const data = new Int16Array(120);
    data[1 + 6 * (2 + 5 * 1)] = 1;
    data[2 + 6 * (2 + 5 * 1)] = 2;
    data[3 + 6 * (3 + 5 * 2)] = 2;
    const s = await session(buildSeries(GRID));
    const file = { path: 'labels.nii', bytes: writeNifti1({ dims: [6, 5, 4], spacing: [1, 1, 2], data }) };
    const two = await s.mask(undefined, { file }, { labels: [2] });
    expect(two.kind).toBe('label-map');
    expect(two.warnings).toEqual([]);
    expect(setVoxels(two.mask)).toEqual(['2,2,1', '3,3,2']);
    expect((await s.mask(undefined, { file })).voxels).toBe(3);
    await expect(s.mask(undefined, { file }, { labels: [5] })).rejects.toThrow('labels.nii has no voxel with label 5 (labels present: 1, 2)');
  });

  it('resamples a label map on another grid (nearest) with a warning, and refuses one that misses the image', async () => {
    const s = await session(buildSeries(GRID));
    // Twice as fine in z: voxel k of the image is fine voxel 2k.
    const data = new Int16Array(6 * 5 * 8);
    for (let i = 0; i < 6; i++) data[i + 6 * (1 + 5 * 4)] = 1;
    const fine = { path: 'fine.nii', bytes: writeNifti1({ dims: [6, 5, 8], spacing: [1, 1, 1], data }) };
    const m = await s.mask(undefined, { file: fine });
    expect(m.warnings).toEqual([
      `fine.nii lies on another grid than series 1 "synthetic" (MR, 4 slices, 6x5): ${GRID.seriesUid} (size 6x5x4 vs 6x5x8): resampled onto the image grid (nearest neighbour)`,
    ]);
    expect(setVoxels(m.mask)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${i},1,2`));

    const far = await loadMaskFar();
    await expect(s.mask(undefined, { file: far })).rejects.toThrow(/far\.nii does not overlap series 1 .*: none of its 120 labelled voxels lies inside the image/);
  });

  async function loadMaskFar() {
    // the same grid shifted 100 voxels along x (the origin sits in srow_x's offset: -x in RAS is +x in LPS)
    const bytes = writeNifti1({ dims: [6, 5, 4], spacing: [1, 1, 2], data: new Int16Array(120).fill(1) });
    new DataView(bytes.buffer).setFloat32(280 + 12, -100, true);
    return { path: 'far.nii', bytes };
  }

  it('names a file that is no mask', async () => {
    const s = await session(buildSeries(GRID));
    await expect(loadMask(decoders, { path: 'notes.txt', bytes: new TextEncoder().encode('hello') }, { geometry: (await s.decode()).volume, name: 'img' })).rejects.toThrow(
      'notes.txt: not a DICOM SEG, RTSTRUCT, NIfTI or NRRD file',
    );
    await expect(s.mask(undefined, { studyFile: `${GRID.seriesUid}/IM0.dcm` })).rejects.toThrow(`${GRID.seriesUid}/IM0.dcm: a DICOM image (modality MR), not a SEG or RTSTRUCT mask`);
  });
});
