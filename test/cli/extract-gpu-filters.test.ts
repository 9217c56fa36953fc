/**
 * `webradiomics extract --backend gpu` with a PyRadiomics parameter file that enables LoG and Wavelet: the JSON's
 * engine blocks say that the filters ran on the GPU (`filters`, and the "computed on" line) in the case's 2 submits
 * and 2 read-backs (`matrices.gpu_submits`); `--backend cpu` says that the CPU filtered. Input: brain1's ROI box
 * plus a margin, written here as NIfTI, so that SwiftShader stays quick.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import type { Volume } from '../../src/core/volume.js';
import { readImageFile } from '../../src/io/read-image-node.js';
import { writeNifti1 } from '../helpers/nifti.js';
import { sharedPath } from '../helpers/refdata.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cli-gpu-filters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The voxels of `v` in the box lo..hi (inclusive), x fastest. */
function cropData(v: Volume, lo: number[], hi: number[]): number[] {
  const [nx, ny] = v.dims;
  const out: number[] = [];
  for (let z = lo[2]; z <= hi[2]; z++) for (let y = lo[1]; y <= hi[1]; y++) for (let x = lo[0]; x <= hi[0]; x++) out.push(Number(v.data[x + nx * (y + ny * z)]));
  return out;
}

let image: string;
let mask: string;
let params: string;
beforeAll(async () => {
  const brain = (f: string) => readImageFile(sharedPath('refdata/pyradiomics/brain1', f));
  const im = await brain('brain1_image.nrrd');
  const label = await brain('brain1_label.nrrd');
  // the label-1 ROI's box plus 6 voxels
  const lo = [...im.dims];
  const hi = [-1, -1, -1];
  const [nx, ny] = im.dims;
  label.data.forEach((l, i) => {
    if (l !== 1) return;
    const p = [i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny))];
    p.forEach((c, k) => ((lo[k] = Math.min(lo[k], c)), (hi[k] = Math.max(hi[k], c))));
  });
  const a = lo.map((l) => Math.max(0, l - 6));
  const b = hi.map((h, k) => Math.min(im.dims[k] - 1, h + 6));
  const dims = b.map((h, k) => h - a[k] + 1);
  image = path.join(dir, 'brain1-box.nii');
  mask = path.join(dir, 'brain1-box-label.nii');
  writeFileSync(image, writeNifti1({ dims, spacing: [...im.spacing], data: Int16Array.from(cropData(im, a, b)) }));
  writeFileSync(mask, writeNifti1({ dims, spacing: [...im.spacing], data: Uint8Array.from(cropData(label, a, b), (l) => (l === 1 ? 1 : 0)) }));
  params = path.join(dir, 'log-wavelet.yaml');
  writeFileSync(params, stringify({ setting: { binWidth: 25, label: 1 }, imageType: { Original: {}, LoG: { sigma: [1.0, 3.0] }, Wavelet: {} }, featureClass: { firstorder: null, glcm: null } }));
});

describe('webradiomics extract with LoG and Wavelet', () => {
  it('--backend gpu: the JSON says both image types were filtered on the GPU, in 2 submits and 2 read-backs', async () => {
    const out = path.join(dir, 'gpu.json');
    const r = await cli('extract', '--image', image, '--mask', mask, '--params', params, '--backend', 'gpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/computed on GPU: .*; 2 of 2 filtered image types on the GPU\n/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.backend.kind).toBe('gpu');
    expect(doc.filters).toEqual({ gpu: 2, cpu: 0 });
    expect(doc.matrices).toMatchObject({ cpu: 0, gpu_submits: 2, gpu_readbacks: 2 });
    const types = new Set(doc.features.map((f: { image_type: string }) => f.image_type));
    expect([...types]).toEqual(['original', 'log-sigma-1-0-mm-3D', 'log-sigma-3-0-mm-3D', ...['LLH', 'LHL', 'LHH', 'HLL', 'HLH', 'HHL', 'HHH', 'LLL'].map((b) => `wavelet-${b}`)]);
    expect(doc.warnings.filter((w: string) => w.startsWith('GPU: '))).toEqual([]);
  });

  it('--backend gpu --filter-backend cpu: f64 filters on the CPU, matrices on the GPU, the values of --backend cpu', async () => {
    const out = path.join(dir, 'gpu-cpu-filters.json');
    const r = await cli('extract', '--image', image, '--mask', mask, '--params', params, '--backend', 'gpu', '--filter-backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.filters).toEqual({ gpu: 0, cpu: 2 });
    expect(doc.matrices).toMatchObject({ cpu: 0, gpu_submits: 1, gpu_readbacks: 1 });
    const cpu = path.join(dir, 'all-cpu.json');
    expect((await cli('extract', '--image', image, '--mask', mask, '--params', params, '--backend', 'cpu', '--out', cpu)).code).toBe(0);
    const values = (file: string) => JSON.parse(readFileSync(file, 'utf8')).features.map((f: { name: string; value: number | null }) => [f.name, f.value]);
    expect(values(out)).toEqual(values(cpu));
    const bad = await cli('extract', '--image', image, '--mask', mask, '--params', params, '--filter-backend', 'fpga', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--filter-backend must be one of auto, gpu, cpu, not 'fpga'");
  });

  it('--backend cpu: the CPU filtered both', async () => {
    const out = path.join(dir, 'cpu.json');
    const r = await cli('extract', '--image', image, '--mask', mask, '--params', params, '--backend', 'cpu', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.filters).toEqual({ gpu: 0, cpu: 2 });
    expect(doc.matrices).toMatchObject({ gpu: 0, gpu_submits: 0, gpu_readbacks: 0 });
  });
});
