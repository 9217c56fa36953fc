/**
 * `webradiomics extract-cohort --manifest m.csv [--params p.yaml] [--shard k/n] [--reader 1] [--backend ...]
 *  --out features.csv`: every patient of a manifest (or one shard of them), each sequence through the full engine
 * (pipeline/cohort-extract.ts), into one feature table with `<sequence>_<PyRadiomics name>` columns that
 * `webradiomics train --features` reads. `webradiomics merge` joins the shards.
 *
 * Manifest paths are relative to the manifest's folder. Images: NIfTI / NRRD files or DICOM folders / zips (column
 * `series` picks a series); masks: label maps (column `segment` = label value, default the settings' label, 1),
 * DICOM SEG (`segment` = segment number) or RTSTRUCT (`roi`). Problems in the manifest are listed before anything is
 * extracted, each naming row and column; a case that fails stops the run naming patient, sequence and row.
 * Ctrl-C (SIGINT) stops after the case in flight, writes nothing and exits with 130.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { manifestFromFolder } from '../core/model/cohort-folder.js';
import { cohortPlan, parseManifest, parseShard, shardPatients, type ManifestEntry, type Shard } from '../core/model/cohort-manifest.js';
import { featureTableCsv } from '../core/model/cohort-features.js';
import { IssueList } from '../core/model/cohort-table.js';
import { pyradiomicsDefaults, type ExtractionSettings } from '../core/settings.js';
import { acquireNodeGpu } from '../gpu/node-gpu.js';
import { ImageReadError } from '../io/image-format.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { readSettingsFile } from '../pipeline/case-settings.js';
import { CohortCancelledError, extractCohort } from '../pipeline/cohort-extract.js';
import { InputError, type BackendChoice } from '../pipeline/extract-case.js';
import { isDicomFile, loadDicomCase, needsDicom } from './dicom-input.js';
import { choiceOption, parseOptions, printJson, readSource, reportIssues, ResearchInputError, writeOutput } from './research-io.js';
import { UsageError } from './usage.js';

export const EXTRACT_COHORT_HELP = `  webradiomics extract-cohort --manifest <m.csv> | --folder <dir> [--write-manifest <m.csv>]
                              [--params <p.yaml|p.json>] [--shard k/n] [--reader 1] [--backend auto|gpu|cpu] --out <features.csv>
      --folder: one subfolder per patient: <id>/<sequence>.nii.gz (or a DICOM folder <id>/<sequence>/) with
      <id>/<sequence>_mask.nii.gz or one <id>/mask.nii.gz (label map, DICOM SEG or RTSTRUCT)`;

const BACKENDS: Record<string, BackendChoice> = { auto: 'auto', gpu: 'gpu', cpu: 'cpu' };

const seconds = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);

async function cohortSettings(file: string | undefined): Promise<ExtractionSettings> {
  if (!file) return pyradiomicsDefaults();
  const source = await readSource(file);
  const { settings } = readSettingsFile({ name: file, text: source.text });
  if (settings.profile !== 'pyradiomics') {
    throw new ResearchInputError(`${file}: extract-cohort writes PyRadiomics-named columns; give PyRadiomics settings (a PyRadiomics parameter file, or a settings file with "profile": "pyradiomics")`);
  }
  return settings;
}

/** The manifest of a cohort folder (core/model/cohort-folder.ts), problems reported; optionally saved. */
function folderManifest(folder: string, writeTo: string | undefined): { name: string; text: string } {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    throw new ResearchInputError(`${folder}: folder not found`);
  }
  if (!isDir) throw new ResearchInputError(`${folder}: is a file, not a folder (give the cohort folder, one subfolder per patient)`);
  const files = (readdirSync(folder, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(folder, path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name)).split(path.sep).join('/'));
  const issues = new IssueList();
  const name = path.basename(path.resolve(folder));
  const cohort = manifestFromFolder(files, issues, name);
  reportIssues(issues.items, name);
  if (writeTo) {
    // saved with paths relative to its own folder, so that `--manifest <it>` runs the same cohort
    const rel = path.relative(path.dirname(path.resolve(writeTo)), path.resolve(folder)).split(path.sep).join('/');
    writeFileSync(writeTo, manifestFromFolder(files, new IssueList(), name, rel === '' ? '' : `${rel}/`).manifest);
  }
  return { name: `${name} (folder layout)`, text: cohort.manifest };
}

export async function runExtractCohort(args: string[]): Promise<number> {
  const v = parseOptions(args, {
    manifest: { type: 'string' },
    folder: { type: 'string' },
    'write-manifest': { type: 'string' },
    params: { type: 'string' },
    shard: { type: 'string' },
    reader: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
  });
  if (!v.manifest && !v.folder) throw new UsageError('--manifest <file.csv> or --folder <cohort folder> is required');
  if (v.manifest && v.folder) throw new UsageError('give --manifest or --folder, not both');
  if (v['write-manifest'] && !v.folder) throw new UsageError('--write-manifest applies to --folder');
  if (!v.out) throw new UsageError('--out <features.csv> is required');
  if (path.extname(v.out).toLowerCase() !== '.csv') throw new UsageError(`--out must end in .csv, not '${path.basename(v.out)}'`);
  let shard: Shard | undefined;
  if (v.shard !== undefined) {
    try {
      shard = parseShard(v.shard);
    } catch (e) {
      throw new UsageError(`--shard: ${(e as Error).message}`);
    }
  }
  const backend = choiceOption('backend', v.backend, BACKENDS, 'auto');
  const settings = await cohortSettings(v.params);

  const source = v.folder ? folderManifest(v.folder, v['write-manifest']) : await readSource(v.manifest!);
  const base = v.folder ? path.resolve(v.folder) : path.dirname(path.resolve(v.manifest!));
  const resolve = (p: string) => path.resolve(base, p);
  const issues = new IssueList();
  const manifest = parseManifest(source.text, issues, { file: source.name, pathExists: (p) => existsSync(resolve(p)) });
  const plan = cohortPlan(manifest.entries, issues, { reader: v.reader ?? '1', file: source.name });
  reportIssues(issues.items, source.name);
  const patients = shard ? shardPatients(plan.patients, shard) : plan.patients;
  const prefixed = manifest.sequenceColumn;
  const total = patients.length * plan.sequences.length;
  process.stderr.write(
    `extract-cohort: ${patients.length} patient${patients.length === 1 ? '' : 's'}${shard ? ` (shard ${shard.index}/${shard.count} of ${plan.patients.length})` : ''}, ` +
      `sequences ${plan.sequences.join(', ')}: ${total} cases\n`,
  );

  const loadCase = async (e: ManifestEntry) => {
    const image = resolve(e.image);
    const mask = resolve(e.mask);
    try {
      if (await needsDicom(image, mask)) {
        // the segment column: SEG segment number, or the label value of a label map on a DICOM image
        const segment = e.segment === undefined ? {} : (await isDicomFile(mask)) ? { segments: [String(e.segment)] } : { label: e.segment };
        const c = await loadDicomCase({ image, mask, series: e.series, ...segment, rois: e.roi !== undefined ? [e.roi] : undefined });
        return { image: c.image, mask: c.mask, imageName: e.image, maskName: e.mask, label: 1, warnings: c.warnings };
      }
      if (e.series !== undefined || e.roi !== undefined) throw new InputError(`column "${e.series !== undefined ? 'series' : 'roi'}" applies to DICOM input, and ${e.image} / ${e.mask} are not DICOM`);
      return { image: await readImageFile(image), mask: await readImageFile(mask), imageName: e.image, maskName: e.mask, ...(e.segment !== undefined ? { label: e.segment } : {}) };
    } catch (err) {
      if (err instanceof ImageReadError) throw new InputError(err.message);
      throw err;
    }
  };
  let lastReport = -Infinity;
  // Ctrl-C stops after the case in flight; nothing is written (exit code 130, as for SIGINT)
  const abort = new AbortController();
  const onInterrupt = () => abort.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const result = await extractCohort(patients, {
      sequences: plan.sequences,
      prefixed,
      settings,
      backend,
      getGpu: acquireNodeGpu,
      loadCase,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.done === p.total || p.elapsedMs - lastReport >= 2000) {
          lastReport = p.elapsedMs;
          process.stderr.write(`  ${p.done}/${p.total} cases, ${seconds(p.elapsedMs)} elapsed${p.etaMs !== null && p.done < p.total ? `, about ${seconds(p.etaMs)} left` : ''}\n`);
        }
      },
    });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    const out = await writeOutput(v.out, featureTableCsv(result.table), ['.csv']);
    printJson({
      manifest: v.manifest ? path.resolve(v.manifest) : null,
      folder: v.folder ? path.resolve(v.folder) : null,
      shard: shard ? `${shard.index}/${shard.count}` : null,
      patients: result.table.ids.length,
      sequences: plan.sequences,
      features: result.table.names.length,
      backend: result.backend,
      out,
    });
  } catch (e) {
    if (!(e instanceof CohortCancelledError)) throw e;
    process.stderr.write(`extract-cohort: interrupted, ${e.message}; nothing written\n`);
    return 130;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await closeImageReader();
  }
  return 0;
}
