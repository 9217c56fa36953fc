/**
 * The headless cohort workflow as a child process: `synthetic-cohort --images` (a few patients' volumes, the
 * manifest, clinical table, predictors, settings) -> `extract-cohort` in 2 shards + `merge` = one run = the rows of
 * the committed feature table -> `train` on the image cohort's tables; and the error messages (missing file,
 * duplicated id, missing sequence, bad shard, merge of mismatched files).
 */
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/csv.js';
import { DEMO_FEATURES_PATH } from '../../src/core/model/demo-files.js';
import { parseModelFile } from '../../src/core/model/model-file-parse.js';

const BIN = path.resolve('bin/webradiomics.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wr-cohort-'));
const cohort = path.join(dir, 'cohort');
const f = (name: string) => path.join(cohort, name);
const out = (name: string) => path.join(dir, name);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: process.env, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const extract = (...more: string[]) => cli('extract-cohort', '--manifest', f('synthetic-manifest.csv'), '--params', f('synthetic-settings.json'), '--backend', 'cpu', ...more);

let written: { code: number; stdout: string; stderr: string };
beforeAll(async () => {
  written = await cli('synthetic-cohort', '--images', '--limit', '3', '--out', cohort);
}, 120_000);

describe('webradiomics synthetic-cohort --images', () => {
  it('writes volumes, masks, manifest, clinical table, predictors and settings, labelled synthetic', () => {
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain('SYNTHETIC DATA');
    const printed = JSON.parse(written.stdout);
    expect(printed.syntheticData).toBe(true);
    expect(printed.files).toBe(5 + 3 * 4);
    for (const id of ['TPI001', 'TPI002', 'TPI003']) {
      for (const q of ['AP', 'PVP', 'T2']) expect(existsSync(f(`images/${id}/${q}.nii.gz`))).toBe(true);
      expect(existsSync(f(`masks/${id}.nii.gz`))).toBe(true);
    }
    expect(existsSync(f('images/TPI004'))).toBe(false);
    expect(parseCsv(readFileSync(f('synthetic-manifest.csv'), 'utf8').trim()).length).toBe(1 + 3 * 3);
    const clinical = parseCsv(readFileSync(f('synthetic-clinical.csv'), 'utf8').trim());
    expect(clinical.length).toBe(240); // header + 239 patients, the study's number
    const response = clinical[0].indexOf('response');
    const counts = Object.fromEntries(['CR', 'PR', 'SD', 'PD'].map((r) => [r, clinical.filter((row) => row[response] === r).length]));
    expect(counts).toEqual({ CR: 15, PR: 161, SD: 26, PD: 37 });
    expect(JSON.parse(readFileSync(f('synthetic-predictors.json'), 'utf8')).syntheticData).toBe(true);
    expect(readFileSync(f('README-SYNTHETIC.txt'), 'utf8')).toMatch(/^SYNTHETIC DATA/);
  });
});

describe('webradiomics extract-cohort and merge', () => {
  it('two shards merged give exactly the one-run table, whose rows are the committed feature table', async () => {
    const [one, s1, s2] = await Promise.all([extract('--out', out('all.csv')), extract('--shard', '1/2', '--out', out('shard-1.csv')), extract('--shard', '2/2', '--out', out('shard-2.csv'))]);
    for (const r of [one, s1, s2]) expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ patients: 3, sequences: ['AP', 'PVP', 'T2'], features: 321, shard: null });
    expect(JSON.parse(s1.stdout)).toMatchObject({ patients: 1, shard: '1/2' });
    expect(JSON.parse(s2.stdout)).toMatchObject({ patients: 2, shard: '2/2' });
    expect(one.stderr).toMatch(/9\/9 cases/);
    const merged = await cli('merge', '--out', out('merged.csv'), out('shard-1.csv'), out('shard-2.csv'));
    expect(merged.code, merged.stderr).toBe(0);
    expect(JSON.parse(merged.stdout).patients).toBe(3);
    const all = readFileSync(out('all.csv'), 'utf8');
    expect(readFileSync(out('merged.csv'), 'utf8')).toBe(all);
    // the same values as the shipped demo model's input (in-memory core extraction, scripts/make-demo.ts)
    const fixture = readFileSync(DEMO_FEATURES_PATH, 'utf8').split('\n');
    expect(all.trimEnd().split('\n')).toEqual(fixture.slice(0, 4));
  });

  it('--folder (one subfolder per patient) gives the same table as the manifest, and can save its manifest', async () => {
    const layout = path.join(dir, 'by-patient');
    for (const id of ['TPI001', 'TPI002', 'TPI003']) {
      mkdirSync(path.join(layout, id), { recursive: true });
      for (const q of ['AP', 'PVP', 'T2']) cpSync(f(`images/${id}/${q}.nii.gz`), path.join(layout, id, `${q}.nii.gz`));
      cpSync(f(`masks/${id}.nii.gz`), path.join(layout, id, 'mask.nii.gz'));
    }
    writeFileSync(path.join(layout, 'clinical.csv'), 'ignored at the top level\n');
    const saved = out('by-patient-manifest.csv');
    const r = await cli('extract-cohort', '--folder', layout, '--write-manifest', saved, '--params', f('synthetic-settings.json'), '--backend', 'cpu', '--out', out('by-folder.csv'));
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ patients: 3, sequences: ['AP', 'PVP', 'T2'], features: 321, manifest: null, folder: layout });
    expect(readFileSync(out('by-folder.csv'), 'utf8')).toBe(readFileSync(out('all.csv'), 'utf8'));
    // the saved manifest runs the same cohort with --manifest (its paths are relative to its own folder)
    expect(readFileSync(saved, 'utf8').split('\n')[1]).toBe('TPI001,AP,by-patient/TPI001/AP.nii.gz,by-patient/TPI001/mask.nii.gz');
    const again = await cli('extract-cohort', '--manifest', saved, '--params', f('synthetic-settings.json'), '--backend', 'cpu', '--out', out('by-saved.csv'));
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(out('by-saved.csv'), 'utf8')).toBe(readFileSync(out('all.csv'), 'utf8'));
    // a patient without a mask is named, and nothing is extracted
    rmSync(path.join(layout, 'TPI002', 'mask.nii.gz'));
    const bad = await cli('extract-cohort', '--folder', layout, '--backend', 'cpu', '--out', out('never-folder.csv'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: by-patient: TPI002: no mask for TPI002/AP.nii.gz (expected AP_mask.nii.gz or mask.nii.gz beside it)');
    expect(existsSync(out('never-folder.csv'))).toBe(false);
  });

  it('names the file, row and column of a bad manifest, and extracts nothing', async () => {
    const bad = path.join(dir, 'bad');
    cpSync(cohort, bad, { recursive: true });
    const m = path.join(bad, 'synthetic-manifest.csv');
    const lines = readFileSync(m, 'utf8').trimEnd().split('\n');
    lines[2] = lines[2].replace('PVP.nii.gz', 'PVP-missing.nii.gz'); // row 3
    lines.push(lines[4]); // duplicates row 5 (TPI002, AP)
    lines.splice(9, 1); // TPI003 loses its T2 row: the duplicate is row 10
    writeFileSync(m, `${lines.join('\n')}\n`);
    const r = await cli('extract-cohort', '--manifest', m, '--out', out('never.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: synthetic-manifest.csv, row 3, column "image": image file or folder not found: images/TPI001/PVP-missing.nii.gz');
    expect(r.stderr).toContain('error: synthetic-manifest.csv, row 10, column "patient_id": duplicated patient id TPI002: sequence "AP", reader "1" already listed in row 5');
    expect(r.stderr).toMatch(/error: synthetic-manifest\.csv, row 8, column "sequence": patient TPI003 has no row for sequence "T2"/);
    expect(existsSync(out('never.csv'))).toBe(false);
  });

  it('refuses a bad shard spec and a missing manifest', async () => {
    for (const spec of ['3/2', '0/2', 'two/4', '1/0']) {
      const r = await extract('--shard', spec, '--out', out('x.csv'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--shard: bad shard "${spec}": expected k/n with integers 1 <= k <= n`);
    }
    const r = await cli('extract-cohort', '--manifest', path.join(dir, 'nope.csv'), '--out', out('x.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.csv: file not found');
  });

  it('stops on Ctrl-C (SIGINT) after the case in flight, writing nothing', async () => {
    const child = spawn(process.execPath, [BIN, 'extract-cohort', '--manifest', f('synthetic-manifest.csv'), '--backend', 'cpu', '--out', out('interrupted.csv')], { env: process.env });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && / 1\/9 cases/.test(stderr)) sent = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/extract-cohort: interrupted, cancelled after [1-8] of 9 cases; nothing written/);
    expect(existsSync(out('interrupted.csv'))).toBe(false);
  });

  it('names the failing case when an image cannot be read', async () => {
    const broken = path.join(dir, 'broken');
    cpSync(cohort, broken, { recursive: true });
    writeFileSync(path.join(broken, 'images/TPI002/AP.nii.gz'), 'not an image');
    const r = await cli('extract-cohort', '--manifest', path.join(broken, 'synthetic-manifest.csv'), '--backend', 'cpu', '--out', out('y.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/patient TPI002, sequence "AP" \(manifest row 5\): .*AP\.nii\.gz/);
  });

  it('merge refuses different columns and a patient in two files, naming the files', async () => {
    const shard1 = out('shard-1.csv');
    const text = readFileSync(shard1, 'utf8');
    const renamed = out('renamed.csv');
    writeFileSync(renamed, text.replace('AP_original_shape_Flatness', 'AP_original_shape_Flat'));
    let r = await cli('merge', '--out', out('m1.csv'), shard1, renamed);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${renamed}, row 1: not the same columns as ${shard1}: column 3 is "AP_original_shape_Flat" but "AP_original_shape_Flatness" in ${shard1}`);
    r = await cli('merge', '--out', out('m2.csv'), shard1, out('shard-2.csv'), shard1);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${shard1}, row 2, column "patient_id": duplicated patient id TPI001: already in ${shard1}, row 2`);
    expect(existsSync(out('m2.csv'))).toBe(false);
  });
});

describe('webradiomics train on the image cohort', () => {
  it('builds a model, flagged synthetic, from extracted features and the written clinical tables', async () => {
    // --max-correlation 0.8 as the demo model (demo-image-model.ts): fewer collinear features, a much faster LASSO
    const r = await cli('train', '--features', DEMO_FEATURES_PATH, '--clinical', f('synthetic-clinical.csv'), '--predictors', f('synthetic-predictors.json'), '--max-correlation', '0.8', '--out-model', out('model.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('SYNTHETIC DATA');
    const model = parseModelFile(readFileSync(out('model.json'), 'utf8'));
    expect(model.provenance.syntheticData).toBe(true);
    expect(model.provenance.cohort.nPatients).toBe(239);
    expect(model.radiomics.features.length).toBeGreaterThan(0);
    expect(model.radiomics.features.every((x) => /^(AP|PVP|T2)_original_/.test(x.name))).toBe(true);
    expect(model.performance.validation!.radiomic.auc).toBeGreaterThan(0.6);
  }, 300_000);
});
