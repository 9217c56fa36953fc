/**
 * One manifest row (core/model/cohort-manifest.ts) resolved against the files the user picked, in the browser or the
 * pipeline worker, into the image and mask of one case, as `webradiomics extract-cohort` resolves it on disk
 * (cli/extract-cohort.ts, cli/dicom-input.ts):
 *   - image: a NIfTI / NRRD file, a DICOM folder (every picked file under that path, in the order the CLI walks a
 *     folder) or a DICOM zip; column `series` picks the SeriesInstanceUID when the folder holds several series;
 *   - mask: a NIfTI / NRRD label map (column `segment` = label value), a DICOM SEG (`segment` = segment number) or an
 *     RTSTRUCT (`roi` = ROI name), rasterised / resampled onto the image grid.
 * The DICOM path is the Images page's and the CLI's: StudySession (import, series choice, decode) and loadMask; this
 * module only finds the files and names the manifest path in every message (extractCohort adds patient, sequence and
 * row). As in the CLI, a case is DICOM when its image is a folder or zip or its mask a DICOM Part 10 file; its mask is
 * then 0/1 on the image grid and the ROI is label 1.
 */
import { describeSeries, type StudyImport } from '../core/dicom/study.js';
import type { ManifestEntry } from '../core/model/cohort-manifest.js';
import type { Volume } from '../core/volume.js';
import { DicomInputError } from '../io/dicom/dicom-error.js';
import type { DicomInput } from '../io/dicom/import-study.js';
import { loadMask, type MaskChoice, type MaskDecoders } from '../io/dicom/load-mask.js';
import type { PipelineRunner } from '../io/dicom/pipeline-runner.js';
import { isZip } from '../io/dicom/zip-input.js';
import { ImageReadError } from '../io/image-format.js';
import { InputError, type CaseInput } from './extract-case.js';
import { StudySession } from './study-session.js';

/** The case extractCohort needs: image and mask, the ROI label (DICOM masks: 1) and the reading's warnings. */
export type CohortCase = CaseInput & { label?: number; warnings?: string[] };

export interface CohortDecoders {
  /** NIfTI / NRRD: a file's manifest path (its extension tells the format) and bytes -> volume */
  decode: (file: { name: string; bytes: Uint8Array }) => Promise<Volume>;
  /** the itk-wasm DICOM pipelines (browser runner in the worker); without it a DICOM row is refused */
  dicomRunner?: PipelineRunner;
}

const normal = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');

/** Path order of the CLI's folder walk (read-folder-node.ts): each folder's entries by name, folders in place. */
function walkOrder(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let k = 0; k < Math.min(x.length, y.length); k++) {
    const c = x[k].localeCompare(y[k]);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

/** The picked files, looked up by manifest path: a file, or a folder (every file under it). */
export interface PickedFiles {
  /** the file at this path (exact relative path, or without the picked folder's own name) */
  file(path: string): DicomInput | undefined;
  /** the files under this folder, their paths relative to it, in the CLI's order; [] when there are none */
  folder(path: string): DicomInput[];
  /** a file or a non-empty folder at this path */
  exists(path: string): boolean;
}

/**
 * Paths match as written or after the picked folder's name (the first segment of `webkitRelativePath`), so a
 * manifest at the folder's root and one beside it both work; `./` and backslashes are normalised.
 */
export function pickedFiles(files: readonly DicomInput[]): PickedFiles {
  const byPath = new Map<string, DicomInput>();
  const all = files.map((f) => {
    const full = normal(f.path);
    const cut = full.indexOf('/');
    const inner = cut > 0 ? full.slice(cut + 1) : undefined;
    byPath.set(full, f);
    if (inner !== undefined && !byPath.has(inner)) byPath.set(inner, f);
    return { full, inner, bytes: f.bytes };
  });
  const file = (path: string) => byPath.get(normal(path));
  const folder = (path: string): DicomInput[] => {
    const dir = normal(path).replace(/\/+$/, '');
    if (dir === '' || dir === '.') return [];
    const under = (p: string | undefined) => p !== undefined && p.startsWith(`${dir}/`);
    let found = all.filter((f) => under(f.full)).map((f) => ({ path: f.full.slice(dir.length + 1), bytes: f.bytes }));
    if (found.length === 0) found = all.filter((f) => under(f.inner)).map((f) => ({ path: f.inner!.slice(dir.length + 1), bytes: f.bytes }));
    return found.sort((a, b) => walkOrder(a.path, b.path));
  };
  return { file, folder, exists: (path) => file(path) !== undefined || folder(path).length > 0 };
}

/** A DICOM Part 10 file: "DICM" at byte 128 (PS3.10 7.1). */
export function isPart10(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

const baseName = (p: string) => normal(p).replace(/\/+$/, '').split('/').pop() ?? p;

/** The CLI's warnings for skipped and duplicate files of a study. */
function studyWarnings(image: string, study: StudyImport): string[] {
  return [
    ...study.unreadable.map((u) => `${image}: ${u.file} skipped: ${u.reason}`),
    ...study.duplicates.map((d) => `${image}: ${d.file} is a duplicate of ${d.duplicateOf} (SOPInstanceUID ${d.sopInstanceUid}): ignored`),
  ];
}

/** Errors of the readers as InputError, prefixed with the manifest path when the message does not name it. */
async function naming<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof InputError || e instanceof DicomInputError || e instanceof ImageReadError) {
      throw new InputError(e.message.includes(path) ? e.message : `${path}: ${e.message}`);
    }
    throw e;
  }
}

/** A DICOM case: the image a study (folder / zip) with a series chosen, or a NIfTI / NRRD file; the mask any kind. */
async function dicomCase(e: ManifestEntry, image: { files: DicomInput[] } | { file: DicomInput }, mask: DicomInput, o: CohortDecoders): Promise<CohortCase> {
  if (!o.dicomRunner) throw new InputError(`${e.image} / ${e.mask}: DICOM input needs the DICOM reader, which this extraction was not given`);
  const decoders: MaskDecoders = { run: o.dicomRunner, decodeLabelMap: (name, bytes) => o.decode({ name, bytes }) };
  // as the CLI: the segment column chooses SEG segments (a label map's label value), the roi column RTSTRUCT ROIs
  const segment = e.segment === undefined ? {} : isPart10(mask.bytes) ? { segments: [String(e.segment)] } : { labels: [e.segment] };
  const choice: MaskChoice = { ...segment, rois: e.roi !== undefined ? [e.roi] : undefined };
  const maskInput = { path: e.mask, bytes: mask.bytes.slice() };
  if ('file' in image) {
    if (e.series !== undefined) throw new InputError(`column "series" applies to a DICOM folder or zip as image, and ${e.image} is a file`);
    const volume = await naming(e.image, () => o.decode({ name: e.image, bytes: image.file.bytes.slice() }));
    const loaded = await naming(e.mask, () => loadMask(decoders, maskInput, { geometry: volume, name: baseName(e.image) }, choice));
    return { image: volume, mask: loaded.mask, imageName: e.image, maskName: e.mask, label: 1, warnings: loaded.warnings };
  }
  const session = new StudySession(decoders);
  const study = await naming(e.image, () => session.import(image.files.map((f) => ({ path: f.path, bytes: f.bytes.slice() }))));
  if (study.series.length === 0) {
    const why = study.unreadable.length ? ` (${study.unreadable.length} file(s) unreadable, e.g. ${study.unreadable[0].file}: ${study.unreadable[0].reason})` : '';
    throw new InputError(`${e.image} holds no DICOM image series${why}`);
  }
  if (e.series === undefined && study.series.length > 1) {
    const list = study.series.map((s) => `  ${describeSeries(s)}`).join('\n');
    throw new InputError(`${e.image} holds ${study.series.length} image series; choose one in the manifest column "series" (SeriesInstanceUID):\n${list}`);
  }
  const decoded = await naming(e.image, () => session.decode(e.series));
  const loaded = await naming(e.mask, () => session.mask(decoded.series.seriesInstanceUid, { file: maskInput }, choice));
  return {
    image: decoded.volume,
    mask: loaded.mask,
    imageName: e.image,
    maskName: e.mask,
    label: 1,
    warnings: [...studyWarnings(e.image, study), ...decoded.warnings, ...loaded.warnings],
  };
}

/** The image and mask of one manifest row from the picked files (see the module comment). */
export async function loadCohortCase(e: ManifestEntry, picked: PickedFiles, o: CohortDecoders): Promise<CohortCase> {
  const imageFile = picked.file(e.image);
  const imageFolder = imageFile ? [] : picked.folder(e.image);
  if (!imageFile && imageFolder.length === 0) throw new InputError(`${e.image}: no picked file or folder has this path`);
  const mask = picked.file(e.mask);
  if (!mask) {
    const inFolder = picked.folder(e.mask).length;
    throw new InputError(`${e.mask}: ${inFolder ? `a folder (${inFolder} files), not a mask file: give the SEG, RTSTRUCT or label map file` : 'no picked file has this path'}`);
  }
  const study = imageFile ? (isZip(imageFile.bytes) ? [{ path: baseName(e.image), bytes: imageFile.bytes }] : undefined) : imageFolder;
  if (study || isPart10(mask.bytes)) return dicomCase(e, study ? { files: study } : { file: imageFile! }, mask, o);
  if (e.series !== undefined || e.roi !== undefined) {
    throw new InputError(`column "${e.series !== undefined ? 'series' : 'roi'}" applies to DICOM input, and ${e.image} / ${e.mask} are not DICOM`);
  }
  return {
    image: await naming(e.image, () => o.decode({ name: e.image, bytes: imageFile!.bytes.slice() })),
    mask: await naming(e.mask, () => o.decode({ name: e.mask, bytes: mask.bytes.slice() })),
    imageName: e.image,
    maskName: e.mask,
    ...(e.segment !== undefined ? { label: e.segment } : {}),
  };
}
