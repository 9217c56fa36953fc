/**
 * The bad-input corpus (test/helpers/bad-inputs.ts) through the CLI: every bad case exits 2 with its message naming
 * the file and the problem, within a time limit (no hang, no crash); every case that must succeed gives finite
 * features and its warning. NaN voxels are checked against an independent result: the same ROI without them.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { badInputCases, type NamedBytes } from '../helpers/bad-inputs.js';
import { writeNifti1 } from '../helpers/nifti.js';

const BIN = path.resolve('bin/webradiomics.js');
const root = mkdtempSync(path.join(tmpdir(), 'wr-robust-'));
/** A case that hangs fails here instead of stalling the suite. */
const CASE_TIMEOUT_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, timeout: CASE_TIMEOUT_MS });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number | null; stdout: string; stderr: string; killed?: boolean };
    return { code: err.killed ? null : err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function put(dir: string, file: NamedBytes): string {
  const p = path.join(dir, file.name);
  writeFileSync(p, file.bytes);
  return p;
}

async function extract(id: string, image: NamedBytes, mask: NamedBytes) {
  const dir = path.join(root, id.replace(/[^A-Za-z0-9]+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'features.json');
  const run = await cli('extract', '--image', put(dir, image), '--mask', put(dir, mask), '--backend', 'cpu', '--out', out);
  return { run, out };
}

const cases = badInputCases();

describe('bad inputs through the CLI', () => {
  it('has at least 30 cases, each with an expected message or outcome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) expect(c.error ?? c.warning ?? c.roiVoxels, c.id).toBeDefined();
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const c of cases.filter((x) => x.error)) {
    it.concurrent(`${c.id}: exit 2 and the message`, async () => {
      const { run } = await extract(c.id, c.image, c.mask);
      expect(run.code, `${c.id}\n${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(c.error!);
      // One line of explanation, no stack trace.
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).toBe('');
    });
  }

  for (const c of cases.filter((x) => !x.error)) {
    it.concurrent(`${c.id}: features, all finite, and the warning`, async () => {
      const { run, out } = await extract(c.id, c.image, c.mask);
      expect(run.code, run.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(out, 'utf8'));
      if (c.roiVoxels !== undefined) expect(doc.roi_voxels).toBe(c.roiVoxels);
      if (c.warning) {
        expect(run.stderr).toMatch(c.warning);
        expect(doc.warnings.join('\n')).toMatch(c.warning);
      }
      // every IBSI feature of the phantom's reference set (and the IVH area); undefined ones are named in a warning
      expect(doc.features.length).toBe(483);
      const undefinedNamed = doc.warnings.filter((w: string) => w.includes('undefined for this ROI (NaN)')).join('\n');
      for (const f of doc.features) {
        if (f.value === null) expect(undefinedNamed, `${f.name} ${f.aggregation_code} is null without a warning`).toContain(f.table_feature ?? f.name);
        else expect(Number.isFinite(f.value), `${f.name} ${f.aggregation_code}`).toBe(true);
      }
      expect(doc.features.filter((f: { value: number | null }) => f.value === null).length).toBeLessThan(5);
    });
  }

  it('NaN voxels give the same features as the ROI without those voxels', async () => {
    const c = cases.find((x) => x.id === 'NaN voxels in the ROI')!;
    const withNaN = await extract('nan-left-out', c.image, c.mask);
    expect(withNaN.run.code, withNaN.run.stderr).toBe(0);
    // The corpus puts NaN at voxels 0 and 1: the same ROI, those two voxels removed, on the original intensities.
    const maskBytes = c.mask.bytes.slice();
    const labels = new Int16Array(maskBytes.buffer, 352, 80);
    labels[0] = 0;
    labels[1] = 0;
    const image = cases.find((x) => x.id === 'whole-image mask')!.image;
    const without = await extract('nan-reference', image, { name: 'mask-without.nii', bytes: maskBytes });
    expect(without.run.code, without.run.stderr).toBe(0);
    const a = JSON.parse(readFileSync(withNaN.out, 'utf8'));
    const b = JSON.parse(readFileSync(without.out, 'utf8'));
    expect(a.roi_voxels - 2).toBe(b.roi_voxels);
    // intensity-based families: the same; morphology keeps NaN voxels in its (morphological) mask, and local
    // intensity averages the image around the ROI, where the reference still has those two voxels' intensities
    const intensityBased = (d: { features: { family: string; value: number }[] }) =>
      d.features.filter((f) => f.family !== 'morphology' && f.family !== 'local intensity').map((f) => f.value);
    expect(intensityBased(a).length).toBe(483 - 25 - 2);
    expect(intensityBased(a)).toEqual(intensityBased(b));
  });

  it('a gzip-compressed float NIfTI keeps its NaN voxels too', async () => {
    const { gzipSync } = await import('node:zlib');
    const c = cases.find((x) => x.id === 'NaN voxels in the ROI')!;
    const gz = { name: 'nan.nii.gz', bytes: new Uint8Array(gzipSync(c.image.bytes)) };
    const { run } = await extract('nan-gz', gz, c.mask);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/nan\.nii\.gz: 2 ROI voxels are NaN and were left out/);
    // said once, with the file's name (not again by the engine without it)
    expect(run.stderr).not.toMatch(/have no intensity \(NaN\)/);
  });

  it('after an error on the mask, the CLI exits at once (the decoder thread does not hold the process)', async () => {
    const dir = path.join(root, 'exit-promptly');
    mkdirSync(dir, { recursive: true });
    const image = put(dir, { name: 'image.nii', bytes: writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: new Int16Array(80).fill(1) }) });
    const mask = put(dir, { name: 'empty.nrrd', bytes: new Uint8Array() });
    const started = Date.now();
    const run = await cli('extract', '--image', image, '--mask', mask);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/empty\.nrrd: the file is empty/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
