/**
 * DICOM input for `webradiomics extract`: --image may be a DICOM folder or zip (with --series UID when it holds several
 * series), --mask a DICOM SEG (--segment N|LABEL), an RTSTRUCT (--roi NAME) or a NIfTI/NRRD label map (--label N),
 * on a DICOM or NIfTI/NRRD image. The same study session as the app's pipeline worker, with the Node runner.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describeSeries } from '../core/dicom/study.js';
import type { Volume } from '../core/volume.js';
import { closeDicomRunner, nodeRunner } from '../io/dicom/runner-node.js';
import { DicomInputError } from '../io/dicom/dicom-error.js';
import { loadMask, type MaskChoice, type MaskDecoders } from '../io/dicom/load-mask.js';
import { readFolder } from '../io/dicom/read-folder-node.js';
import { isZip } from '../io/dicom/zip-input.js';
import { closeImageReader, readImageFile } from '../io/read-image-node.js';
import { ImageReadError } from '../io/image-format.js';
import { InputError } from '../pipeline/extract-slice.js';
import { StudySession } from '../pipeline/study-session.js';

export interface DicomCaseOptions {
  image: string;
  mask: string;
  series?: string;
  segments?: string[];
  rois?: string[];
  label?: number;
}

export interface DicomCase {
  image: Volume;
  /** 0/1 on the image grid */
  mask: Volume;
  imageName: string;
  maskName: string;
  warnings: string[];
  /** what was read, for the output file */
  source: { series_uid: string | null; mask_kind: string; mask_selection: string };
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** A DICOM Part 10 file: "DICM" at byte 128. */
export async function isDicomFile(p: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(p, 'r');
    const b = Buffer.alloc(4);
    const { bytesRead } = await handle.read(b, 0, 4, 128);
    return bytesRead === 4 && b.toString('latin1') === 'DICM';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** A zip archive: "PK\3\4" at byte 0. */
async function isZipFile(p: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(p, 'r');
    const b = Buffer.alloc(4);
    const { bytesRead } = await handle.read(b, 0, 4, 0);
    return bytesRead === 4 && isZip(b);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

async function isStudy(image: string): Promise<boolean> {
  return (await isDirectory(image)) || (await isZipFile(image));
}

/** True when the case needs the DICOM path: a folder or zip as image, or a DICOM file as mask. */
export async function needsDicom(image: string, mask: string): Promise<boolean> {
  return (await isStudy(image)) || (await isDicomFile(mask));
}

const decoders: MaskDecoders = {
  run: nodeRunner,
  // Label maps are read from disk by the NIfTI/NRRD reader: the mask's "path" is the one given on the command line.
  decodeLabelMap: (name) => readImageFile(name),
};

async function maskInput(file: string): Promise<{ path: string; bytes: Uint8Array }> {
  try {
    return { path: file, bytes: new Uint8Array(await readFile(file)) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? String(e)})`}`);
  }
}

function studyWarnings(dir: string, study: Awaited<ReturnType<StudySession['import']>>): string[] {
  const out: string[] = [];
  for (const u of study.unreadable) out.push(`${dir}: ${u.file} skipped: ${u.reason}`);
  for (const d of study.duplicates) out.push(`${dir}: ${d.file} is a duplicate of ${d.duplicateOf} (SOPInstanceUID ${d.sopInstanceUid}): ignored`);
  return out;
}

export async function loadDicomCase(o: DicomCaseOptions): Promise<DicomCase> {
  const choice: MaskChoice = { segments: o.segments, rois: o.rois, labels: o.label !== undefined ? [o.label] : undefined };
  const warnings: string[] = [];
  try {
    const mask = await maskInput(o.mask);
    if (await isStudy(o.image)) {
      const session = new StudySession(decoders);
      const files = (await isDirectory(o.image)) ? await readFolder(o.image) : [{ path: path.basename(o.image), bytes: new Uint8Array(await readFile(o.image)) }];
      const study = await session.import(files);
      warnings.push(...studyWarnings(o.image, study));
      if (!o.series && study.series.length > 1) {
        const list = study.series.map((s) => `  ${describeSeries(s)}`).join('\n');
        throw new InputError(`${o.image} holds ${study.series.length} image series; choose one with --series <SeriesInstanceUID>:\n${list}`);
      }
      if (study.series.length === 0) {
        const why = study.unreadable.length ? ` (${study.unreadable.length} file(s) unreadable, e.g. ${study.unreadable[0].file}: ${study.unreadable[0].reason})` : '';
        throw new InputError(`${o.image} holds no DICOM image series${why}`);
      }
      const decoded = await session.decode(o.series);
      const loaded = await session.mask(decoded.series.seriesInstanceUid, { file: mask }, choice);
      return {
        image: decoded.volume,
        mask: loaded.mask,
        imageName: `${o.image} ${describeSeries(decoded.series)}`,
        maskName: o.mask,
        warnings: [...warnings, ...decoded.warnings, ...loaded.warnings],
        source: { series_uid: decoded.series.seriesInstanceUid, mask_kind: loaded.kind, mask_selection: loaded.description },
      };
    }
    if (o.series) throw new InputError(`--series applies to a DICOM folder given as --image, and ${o.image} is a file`);
    const image = await readImageFile(o.image);
    const loaded = await loadMask(decoders, mask, { geometry: image, name: path.basename(o.image) }, choice);
    return {
      image,
      mask: loaded.mask,
      imageName: o.image,
      maskName: o.mask,
      warnings: [...warnings, ...loaded.warnings],
      source: { series_uid: null, mask_kind: loaded.kind, mask_selection: loaded.description },
    };
  } catch (e) {
    if (e instanceof DicomInputError || e instanceof ImageReadError) throw new InputError(e.message);
    throw e;
  } finally {
    await closeDicomRunner();
    await closeImageReader();
  }
}
