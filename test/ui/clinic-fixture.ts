/**
 * Real clinic results for the component tests, computed in the test page by the same core code the worker runs
 * (tests may import src/core; components may not): the shipped demonstration model applied to feature values
 * given by the test, with the figures, summary and a thumbnail the worker would add.
 */
import { assessPatient } from '../../src/core/clinic/assessment.js';
import { clinicFigures } from '../../src/core/clinic/result-figures.js';
import { roiThumbnail } from '../../src/core/clinic/roi-thumbnail.js';
import { clinicSummary } from '../../src/core/clinic/summary.js';
import type { ModelFile } from '../../src/core/model/model-file.js';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';
import type { Volume } from '../../src/core/volume.js';
import type { ClinicResult } from '../../src/pipeline/score-case.js';

export const DEMO_MODEL_URL = '/public/demo/demo-model.json';

export async function demoModelText(): Promise<string> {
  const r = await fetch(DEMO_MODEL_URL);
  return r.text();
}

/** The served demo files (public/demo), as the page's fetchDemo reads them. */
export async function fetchPublic(path: string): Promise<Uint8Array> {
  const r = await fetch(`/public/${path}`);
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** Features at `z` SDs from each training mean (z = 0: the training means). */
export function featuresAt(model: ModelFile, z: number): Record<string, number> {
  return Object.fromEntries(model.radiomics.features.map((f) => [f.name, f.mean + z * f.sd]));
}

export function clinicResult(modelText: string, features: Record<string, number>, clinical: Record<string, unknown>): ClinicResult {
  const model = parseModelFile(modelText);
  const a = assessPatient(model, { features, clinical, images: model.sequences.map((s) => ({ sequence: s.name, spacing: [1.5, 1.5, 3], source: `${s.name}.nii.gz` })) });
  if (!a.ok) throw new Error(JSON.stringify(a.errors));
  const dims: [number, number, number] = [24, 24, 2];
  const image: Volume = { dims, spacing: [1.5, 1.5, 3], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], data: new Int16Array(24 * 24 * 2).map((_, i) => (i * 37) % 200) };
  const mask: Volume = { ...image, data: new Uint8Array(24 * 24 * 2).map((_, i) => (i % 24 > 8 && i % 24 < 16 && Math.floor(i / 24) % 24 > 8 && Math.floor(i / 24) % 24 < 16 ? 1 : 0)) };
  const thumb = roiThumbnail(image, mask, 1)!;
  const sequences = model.sequences.map((s) => ({
    sequence: s.name,
    imageName: `${s.name}.nii.gz`,
    maskName: 'mask.nii.gz',
    spacing: [1.5, 1.5, 3] as [number, number, number],
    dims,
    profile: 'pyradiomics' as const,
    backend: { kind: 'cpu' as const, description: 'CPU (selected)' },
    featureCount: 100,
    warnings: [],
  }));
  return {
    ok: true,
    assessment: a,
    sequences,
    features,
    figures: clinicFigures(a, model),
    thumbnails: [{ ...thumb, sequence: model.sequences[0]?.name ?? '' }],
    summary: clinicSummary(a, sequences, features),
  };
}
