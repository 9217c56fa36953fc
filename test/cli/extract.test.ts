import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseCsv } from '../../src/core/csv.js';
import { ibsiPhantomReference, PHANTOM_IMAGE, PHANTOM_MASK, sharedPath, sig3 } from '../helpers/refdata.js';
import { writeNifti1 } from '../helpers/nifti.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cli-'));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The GLCM values (3D averaged and merged) among the full engine's output, against IBSI. */
function expectIbsi(all: { family: string; ibsi_code: string; aggregation_code: string; value: number }[]) {
  const refs = ibsiPhantomReference().filter((r) => r.family === 'GLCM' && ['ITBB', 'IAZD'].includes(r.aggregation_code));
  const values = all.filter((f) => f.family === 'GLCM' && ['ITBB', 'IAZD'].includes(f.aggregation_code));
  expect(values.length).toBe(refs.length);
  for (const ref of refs) {
    const v = values.find((f) => f.ibsi_code === ref.ibsi_code && f.aggregation_code === ref.aggregation_code);
    expect(sig3(v!.value), `${ref.feature} ${ref.aggregation_code}`).toBe(sig3(ref.reference_value));
  }
}

describe('webradiomics extract', () => {
  for (const backend of ['gpu', 'cpu']) {
    it(`writes JSON features that match IBSI on the phantom (--backend ${backend})`, async () => {
      const out = path.join(dir, `phantom-${backend}.json`);
      const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--profile', 'ibsi', '--backend', backend, '--out', out);
      expect(r.stderr).toContain(backend === 'gpu' ? 'computed on GPU: ' : 'computed on CPU (selected)');
      expect(r.code).toBe(0);
      const doc = JSON.parse(readFileSync(out, 'utf8'));
      expect(doc.backend.kind).toBe(backend);
      for (const f of doc.features) {
        expect(Object.keys(f)).toEqual(expect.arrayContaining(['name', 'family', 'ibsi_code', 'aggregation_code', 'value']));
      }
      expectIbsi(doc.features);
    });
  }

  it('writes one CSV row per case, relative paths accepted', async () => {
    const out = path.join(dir, 'phantom.csv');
    const rel = path.relative(process.cwd(), PHANTOM_IMAGE);
    const r = await cli('extract', '--image', rel, '--mask', PHANTOM_MASK, '--out', out);
    expect(r.code).toBe(0);
    const [header, row, ...rest] = parseCsv(readFileSync(out, 'utf8').trim());
    expect(rest).toEqual([]);
    expect(header.slice(0, 3)).toEqual(['Image', 'Mask', 'Label']);
    expect(row.slice(0, 3)).toEqual([PHANTOM_IMAGE, PHANTOM_MASK, '']);
    const col = header.indexOf('GLCM_Joint_maximum_ITBB');
    expect(col).toBeGreaterThan(2);
    const ref = ibsiPhantomReference().find((x) => x.ibsi_code === 'GYBY' && x.aggregation_code === 'ITBB')!;
    expect(sig3(Number(row[col]))).toBe(sig3(ref.reference_value));
  });

  it('names a file that is not NIfTI and exits 2', async () => {
    const bad = path.join(dir, 'notes.nii.gz');
    writeFileSync(bad, 'plain text');
    const r = await cli('extract', '--image', bad, '--mask', PHANTOM_MASK, '--out', path.join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/notes\.nii\.gz: (not a NIfTI|the gzip stream is truncated|the file could not be decoded)/);
  });

  it('refuses an image and mask of different sizes and exits 2', async () => {
    const brain = sharedPath('refdata/pyradiomics/brain1/brain1_image.nrrd');
    const r = await cli('extract', '--image', brain, '--mask', PHANTOM_MASK, '--out', path.join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mask\.nii\.gz does not lie on the grid of .*brain1_image\.nrrd: size 256x256x25 vs 5x4x4/);
  });

  it('refuses an empty mask and exits 2', async () => {
    const empty = path.join(dir, 'empty.nii');
    writeFileSync(empty, writeNifti1({ dims: [5, 4, 4], spacing: [2, 2, 2], data: new Int16Array(80) }));
    const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', empty, '--out', path.join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/empty\.nii: the mask is empty/);
  });

  it('refuses a label that is not in the mask', async () => {
    const r = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--label', '7');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mask\.nii\.gz on .*phantom\.nii\.gz: label 7 is not present in the mask; labels found: 1/);
  });

  it('reports a missing file, a missing option and an unknown profile with exit 2', async () => {
    const missing = await cli('extract', '--image', path.join(dir, 'nope.nii.gz'), '--mask', PHANTOM_MASK);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.nii\.gz: no such file/);
    const noMask = await cli('extract', '--image', PHANTOM_IMAGE);
    expect(noMask.code).toBe(2);
    expect(noMask.stderr).toMatch(/--mask <file> is required/);
    const profile = await cli('extract', '--image', PHANTOM_IMAGE, '--mask', PHANTOM_MASK, '--profile', 'foo');
    expect(profile.code).toBe(2);
    expect(profile.stderr).toMatch(/--profile foo is not available/);
  });
});
