/**
 * A cohort given as a folder with one subfolder per patient, turned into the manifest (cohort-manifest.ts) that the
 * CLI and the app then validate and run as if the user had written it:
 *
 *   <cohort>/<patient id>/<sequence>.nii.gz        image of a sequence (.nii, .nii.gz, .nrrd, .nhdr, .mha)
 *   <cohort>/<patient id>/<sequence>/...           or a DICOM folder (any file names inside)
 *   <cohort>/<patient id>/<sequence>_mask.nii.gz   the mask of that sequence ("_mask", "-mask", "_seg", "_label",
 *                                                  "_roi"; label map, DICOM SEG or RTSTRUCT)
 *   <cohort>/<patient id>/mask.nii.gz              or one mask for every sequence of the patient (mask, seg,
 *                                                  segmentation, label, roi)
 *
 * Names are compared case-insensitively; files at the cohort's top level (a clinical table, a README) and hidden
 * files (".DS_Store") are ignored. A sequence-specific mask wins over the patient's shared mask. The manifest has a
 * `sequence` column when the cohort has more than one sequence name, so single-sequence cohorts get PyRadiomics'
 * unprefixed column names. Problems (a patient without an image, an image without a mask, two files for one sequence,
 * a DICOM folder directly in the cohort folder, a patient missing a sequence others have) are listed, each naming
 * the path.
 */
import { IssueList } from './cohort-table.js';

const IMAGE_EXTENSIONS = ['.nii.gz', '.nii', '.nrrd', '.nhdr', '.mha', '.mhd'];
/** masks may also be DICOM SEG / RTSTRUCT files */
const MASK_EXTENSIONS = [...IMAGE_EXTENSIONS, '.dcm'];
const MASK_WORDS = ['mask', 'seg', 'segmentation', 'label', 'roi'];
const SUFFIX = new RegExp(`^(.+?)[_-](${MASK_WORDS.join('|')})$`, 'i');

export interface FolderCohort {
  /** manifest CSV text (paths relative to the cohort folder), for parseManifest */
  manifest: string;
  patients: number;
  sequences: string[];
}

/** The name without its extension (".nii.gz" counts as one) when it is an image (or, with DICOM, a mask) file. */
function stem(name: string, extensions: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const ext = extensions.find((e) => lower.endsWith(e));
  return ext ? name.slice(0, name.length - ext.length) : null;
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

interface PatientFiles {
  images: Map<string, string>;
  masks: Map<string, string>;
  shared: string[];
  /** files that are neither (e.g. DICOM files not in a sequence subfolder) */
  other: string[];
}

/**
 * `paths`: every file of the cohort, relative to the cohort folder ("P001/AP.nii.gz", "P001/PVP/IM0001"), with '/'
 * separators; `folder`: the cohort folder's name, for messages; `prefix`: put before every manifest path (e.g.
 * "cohort/" for a manifest saved beside the cohort folder). Issues go to `issues` (errors and warnings).
 */
export function manifestFromFolder(paths: readonly string[], issues: IssueList, folder = 'cohort folder', prefix = ''): FolderCohort {
  const byPatient = new Map<string, PatientFiles>();
  const say = (detail: string, patientId?: string) => issues.error(folder, undefined, undefined, detail, patientId);
  for (const raw of paths) {
    const parts = raw.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
    if (parts.length < 2 || parts.some((p) => p.startsWith('.'))) continue;
    const [id, entry, ...rest] = parts;
    let p = byPatient.get(id);
    if (!p) byPatient.set(id, (p = { images: new Map(), masks: new Map(), shared: [], other: [] }));
    const key = (s: string) => s.toLowerCase();
    if (rest.length > 0) {
      // a subfolder: a DICOM series folder named after its sequence (deeper levels belong to it)
      const seq = entry;
      const where = `${id}/${entry}`;
      const known = p.images.get(key(seq));
      if (known !== undefined && known !== where) say(`${id}: sequence "${seq}" has both ${known} and ${where}`, id);
      else p.images.set(key(seq), where);
      continue;
    }
    const path = `${id}/${entry}`;
    const maskStem = stem(entry, MASK_EXTENSIONS);
    if (maskStem !== null && MASK_WORDS.includes(maskStem.toLowerCase())) {
      p.shared.push(path);
      continue;
    }
    const m = maskStem === null ? null : SUFFIX.exec(maskStem);
    if (m) {
      const known = p.masks.get(key(m[1]));
      if (known !== undefined) say(`${id}: sequence "${m[1]}" has two masks, ${known} and ${path}`, id);
      else p.masks.set(key(m[1]), path);
      continue;
    }
    const imageStem = stem(entry, IMAGE_EXTENSIONS);
    if (imageStem === null) {
      p.other.push(path);
      continue;
    }
    const known = p.images.get(key(imageStem));
    if (known !== undefined) say(`${id}: sequence "${imageStem}" has two images, ${known} and ${path}`, id);
    else p.images.set(key(imageStem), path);
  }

  // sequence display names: as first written
  const names = new Map<string, string>();
  for (const p of byPatient.values()) for (const [k, v] of p.images) if (!names.has(k)) names.set(k, v.split('/')[1].replace(/\.(nii\.gz|nii|nrrd|nhdr|mha|mhd|dcm)$/i, ''));
  const sequences = [...names.keys()].sort();
  const rows: string[][] = [];
  const ids = [...byPatient.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const id of ids) {
    const p = byPatient.get(id)!;
    if (p.images.size === 0) {
      const found = p.other.length > 0 ? `; found ${p.other.length} other file(s) such as ${p.other[0]}: a DICOM series goes in a subfolder named after its sequence` : '';
      say(`${id}: no image (expected <sequence>.nii.gz, .nrrd, ... or a DICOM folder per sequence)${found}`, id);
      continue;
    }
    if (p.shared.length > 1) say(`${id}: several masks for every sequence: ${p.shared.join(', ')}`, id);
    for (const k of p.masks.keys()) if (!p.images.has(k)) say(`${id}: mask ${p.masks.get(k)} has no image "${k}"`, id);
    for (const k of sequences) {
      const image = p.images.get(k);
      if (image === undefined) {
        issues.warning(folder, undefined, undefined, `${id}: no image for sequence "${names.get(k)}"`, id);
        continue;
      }
      const mask = p.masks.get(k) ?? p.shared[0];
      if (mask === undefined) {
        say(`${id}: no mask for ${image} (expected ${names.get(k)}_mask.nii.gz or mask.nii.gz beside it)`, id);
        continue;
      }
      rows.push([id, names.get(k)!, prefix + image, prefix + mask]);
    }
  }
  if (byPatient.size === 0) say('no patient subfolders with images found (expected <patient id>/<sequence>.nii.gz ...)');
  const withSequence = sequences.length > 1;
  const header = withSequence ? ['patient_id', 'sequence', 'image', 'mask'] : ['patient_id', 'image', 'mask'];
  const lines = [header.join(','), ...rows.map((r) => (withSequence ? r : [r[0], r[2], r[3]]).map(csvCell).join(','))];
  return { manifest: lines.join('\n') + '\n', patients: new Set(rows.map((r) => r[0])).size, sequences: sequences.map((k) => names.get(k)!) };
}
