/**
 * The clinic workflow's DICOM path in Node with the real itk-wasm pipelines: a generated patient's three sequences
 * written as a DICOM study (one series each, named so that the phase guess recognises them), imported into a
 * StudySession as the worker does, resolved per model sequence (score-request.ts) and scored (score-case.ts). The
 * numbers equal those from the same volumes given directly; a series of the wrong phase gets a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Volume } from '../../src/core/volume.js';
import type { MaskDecoders } from '../../src/io/dicom/load-mask.js';
import { closeDicomRunner, nodeRunner } from '../../src/io/dicom/runner-node.js';
import { closeImageReader, readImageFile } from '../../src/io/read-image-node.js';
import { scoreCase, type ScoreCaseImage, type ScoreCaseSuccess } from '../../src/pipeline/score-case.js';
import { resolveScoreImages } from '../../src/pipeline/score-request.js';
import { StudySession } from '../../src/pipeline/study-session.js';
import { buildSeries, IDENTITY, type SeriesSpec } from '../helpers/dicom-synth.js';
import { fixtureModel, writePatient, type PatientFiles } from '../helpers/clinic-fixture.js';
import { writeNifti1 } from '../helpers/nifti.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wr-clinic-dicom-'));
const decoders: MaskDecoders = {
  run: nodeRunner,
  decodeLabelMap: async (name, bytes) => {
    const file = path.join(dir, path.basename(name));
    writeFileSync(file, bytes);
    return readImageFile(file);
  },
};
const noGpu = async () => ({ ok: false, reason: 'CPU in this test' }) as never;
const DESCRIPTIONS = { AP: 'AX LAVA ART', PVP: 'AX LAVA PV', T2: 'AX T2 FSE' } as const;

let patient: PatientFiles;
let session: StudySession;
let uids: Record<string, string>;
const model = fixtureModel();

function seriesOf(seq: keyof typeof DESCRIPTIONS, v: Volume, n: number): SeriesSpec {
  const [nx, ny] = v.dims;
  return {
    seriesUid: `1.2.826.0.1.3680043.9.7777.${n}`,
    studyUid: '1.2.826.0.1.3680043.9.7777.1',
    frameOfReferenceUid: '1.2.826.0.1.3680043.9.7777.2',
    modality: 'MR',
    description: DESCRIPTIONS[seq],
    seriesNumber: n,
    dims: v.dims,
    spacing: v.spacing,
    origin: v.origin,
    direction: IDENTITY,
    value: (i, j, k) => v.data[i + nx * (j + ny * k)] as number,
  };
}

beforeAll(async () => {
  patient = writePatient(path.join(dir, 'patient'), 11);
  const files = (['AP', 'PVP', 'T2'] as const).flatMap((s, k) => buildSeries(seriesOf(s, patient.volumes.images[s], 10 + k)));
  session = new StudySession(decoders);
  const study = await session.import(files);
  uids = Object.fromEntries(study.series.map((s) => [s.description, s.seriesInstanceUid]));
  expect(study.series.map((s) => s.phase.phase).sort()).toEqual(['arterial', 'portal-venous', 't2']);
}, 120_000);

afterAll(async () => {
  await closeDicomRunner();
  await closeImageReader();
});

const maskFile = () => {
  const m = patient.volumes.mask;
  return { path: 'mask.nii', bytes: writeNifti1({ dims: [...m.dims], spacing: [...m.spacing], data: m.data as Uint8Array, origin: [...m.origin] as [number, number, number] }) };
};

describe('clinic workflow from a DICOM study', () => {
  it('series chosen per sequence give the numbers of the same volumes given as images', async () => {
    const images = await resolveScoreImages(
      { images: (['AP', 'PVP', 'T2'] as const).map((s) => ({ sequence: s, source: { seriesUid: uids[DESCRIPTIONS[s]] } })), masks: [{ sequence: '', source: { file: maskFile() } }] },
      async () => {
        throw new Error('no files here');
      },
      session,
    );
    if (!Array.isArray(images)) throw new Error(images.problems.join('\n'));
    expect(images.map((i) => i.phase?.phase)).toEqual(['arterial', 'portal-venous', 't2']);
    for (const i of images) expect(Array.from(i.image.data)).toEqual(Array.from(patient.volumes.images[i.sequence as 'AP'].data));
    const fromDicom = (await scoreCase(model, images, patient.clinicalValues, { backend: 'cpu' }, noGpu)) as ScoreCaseSuccess;
    const direct: ScoreCaseImage[] = (['AP', 'PVP', 'T2'] as const).map((s) => ({ sequence: s, image: patient.volumes.images[s], mask: patient.volumes.mask, imageName: s, maskName: 'mask' }));
    const fromVolumes = (await scoreCase(model, direct, patient.clinicalValues, { backend: 'cpu' }, noGpu)) as ScoreCaseSuccess;
    expect(fromDicom.ok, JSON.stringify(fromDicom)).toBe(true);
    expect(fromDicom.features).toEqual(fromVolumes.features);
    expect(fromDicom.assessment.probability).toBe(fromVolumes.assessment.probability);
    expect(fromDicom.assessment.riskGroup).toBe(fromVolumes.assessment.riskGroup);
    expect(fromDicom.assessment.warnings.filter((w) => w.kind === 'phase')).toEqual([]);
    expect(fromDicom.thumbnails).toHaveLength(3);
  }, 120_000);

  it('a series of another phase for a sequence: scored, with a phase warning naming both', async () => {
    const images = await resolveScoreImages(
      {
        images: [
          { sequence: 'AP', source: { seriesUid: uids[DESCRIPTIONS.PVP] } },
          { sequence: 'PVP', source: { seriesUid: uids[DESCRIPTIONS.PVP] } },
          { sequence: 'T2', source: { seriesUid: uids[DESCRIPTIONS.T2] } },
        ],
        masks: [{ sequence: '', source: { file: maskFile() } }],
      },
      async () => {
        throw new Error('no files here');
      },
      session,
    );
    if (!Array.isArray(images)) throw new Error(images.problems.join('\n'));
    const r = (await scoreCase(model, images, patient.clinicalValues, { backend: 'cpu' }, noGpu)) as ScoreCaseSuccess;
    expect(r.ok).toBe(true);
    const w = r.assessment.warnings.filter((x) => x.kind === 'phase');
    expect(w).toHaveLength(1);
    expect(w[0].message).toMatch(/^AP: series 11 "AX LAVA PV" .* is portal venous phase \(guessed from .*\) but the model's AP is arterial phase$/);
  }, 120_000);

  it('an unknown series or an empty mask: a failure at the study or ROI step', async () => {
    const bad = await resolveScoreImages({ images: [{ sequence: 'AP', source: { seriesUid: '1.2.3.4' } }], masks: [{ sequence: '', source: { file: maskFile() } }] }, async () => {
      throw new Error('unused');
    }, session);
    expect(bad).toMatchObject({ ok: false, step: 'study' });
    expect((bad as { problems: string[] }).problems[0]).toMatch(/^AP: no series 1\.2\.3\.4 in the study/);
    const m = patient.volumes.mask;
    const empty = { path: 'empty.nii', bytes: writeNifti1({ dims: [...m.dims], spacing: [...m.spacing], data: new Uint8Array(m.data.length), origin: [...m.origin] as [number, number, number] }) };
    const images = await resolveScoreImages({ images: (['AP', 'PVP', 'T2'] as const).map((s) => ({ sequence: s, source: { seriesUid: uids[DESCRIPTIONS[s]] } })), masks: [{ sequence: '', source: { file: empty } }] }, async () => {
      throw new Error('unused');
    }, session);
    const r = Array.isArray(images) ? await scoreCase(model, images, patient.clinicalValues, { backend: 'cpu' }, noGpu) : images;
    expect(r.ok).toBe(false);
    expect((r as { step: string }).step).toBe('roi');
  }, 120_000);
});
