/**
 * The checks that itk-wasm's series reader does not make (docs/itk-wasm.md): it accepts a missing slice (the z
 * spacing silently becomes the average), truncated slices, mixed orientations and several images per position.
 * Here the slice geometry is derived from the tags alone, and every defect is named with its file(s).
 *
 * Geometry (PS3.3 C.7.6.2.1.1): ImageOrientationPatient gives the row direction r (along which the column index,
 * x, grows) and the column direction c (y); the slice normal is n = r x c. Slices are ordered by d = n . IPP;
 * the volume's direction matrix has columns r, c, n, its origin is the IPP of the first slice.
 */
import type { Geometry, Vec3 } from '../volume.js';
import type { DicomFileRecord } from './file-record.js';

export type ProblemKind =
  | 'missing-tag'
  | 'multi-frame'
  | 'mixed-size'
  | 'mixed-orientation'
  | 'mixed-pixel-spacing'
  | 'mixed-pixel-format'
  | 'truncated'
  | 'undecodable'
  | 'duplicate-position'
  | 'missing-slice'
  | 'non-uniform-spacing'
  | 'not-along-normal'
  | 'single-slice'
  | 'varying-rescale';

export interface SeriesProblem {
  kind: ProblemKind;
  /** errors stop the decode; warnings are shown with the result */
  severity: 'error' | 'warning';
  message: string;
  /** the files concerned */
  files: string[];
}

export interface SeriesCheck {
  /** the geometry the files describe; undefined when errors make it unknowable */
  geometry?: Geometry;
  /** the files ordered along the slice normal (or by InstanceNumber when geometry is missing) */
  order: DicomFileRecord[];
  problems: SeriesProblem[];
}

/** Direction cosines closer than this are the same orientation. */
const ORIENTATION_TOLERANCE = 1e-3;
/** mm: positions closer than this along the normal are the same position. */
const SAME_POSITION_MM = 1e-3;

/** "a, b, c and 4 more" */
export function fileList(files: string[], max = 4): string {
  if (files.length <= max) return files.join(', ');
  return `${files.slice(0, max).join(', ')} and ${files.length - max} more`;
}

function fmt(x: number): string {
  return String(Number(x.toFixed(3)));
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: number[], b: number[]): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Gaps within this much (mm, or relative) of each other are the same spacing. */
function spacingTolerance(s: number): number {
  return Math.max(0.01, 0.01 * s);
}

/**
 * The slice spacing the series was acquired with: the most frequent gap (gaps within tolerance count as one),
 * the smallest on a tie, so that with one slice missing out of three the 2 mm gap, not the 4 mm one, is the spacing.
 */
function typicalGap(gaps: number[]): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  let best = { count: 0, value: sorted[0] };
  for (let a = 0; a < sorted.length; a++) {
    let b = a;
    while (b + 1 < sorted.length && sorted[b + 1] - sorted[a] <= spacingTolerance(sorted[a])) b++;
    const count = b - a + 1;
    if (count > best.count) best = { count, value: sorted.slice(a, b + 1).reduce((x, y) => x + y, 0) / count };
  }
  return best.value;
}

/** Groups records by a key; the largest group comes first. */
function groupBy<T>(items: T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
}

/** Reports every group but the largest: "<what>: <minority files> have X while the other N files have Y". */
function mixed(
  records: DicomFileRecord[],
  kind: ProblemKind,
  what: string,
  key: (r: DicomFileRecord) => string,
): SeriesProblem[] {
  const groups = groupBy(records, key);
  if (groups.length < 2) return [];
  const [majorityKey, majority] = groups[0];
  return groups.slice(1).map(([k, g]) => {
    const files = g.map((r) => r.file);
    return {
      kind,
      severity: 'error' as const,
      message: `mixed ${what}: ${fileList(files)} ${files.length === 1 ? 'has' : 'have'} ${k} while the other ${majority.length} file${majority.length === 1 ? '' : 's'} ${majority.length === 1 ? 'has' : 'have'} ${majorityKey}`,
      files,
    };
  });
}

function missing(records: DicomFileRecord[], has: (r: DicomFileRecord) => boolean, tag: string): SeriesProblem[] {
  const files = records.filter((r) => !has(r)).map((r) => r.file);
  if (files.length === 0) return [];
  return [{ kind: 'missing-tag', severity: 'error', message: `${fileList(files)}: no ${tag}, so the slice cannot be placed`, files }];
}

function orientationKey(r: DicomFileRecord): string {
  // Rounded to the tolerance so that DS rounding does not split a series.
  return `[${r.orientation!.map((v) => fmt(Math.round(v / ORIENTATION_TOLERANCE) * ORIENTATION_TOLERANCE)).join(', ')}]`;
}

/** Checks one series (records share a SeriesInstanceUID, duplicates by SOPInstanceUID already removed). */
export function checkSeries(records: DicomFileRecord[]): SeriesCheck {
  const problems: SeriesProblem[] = [];
  const byInstance = [...records].sort((a, b) => (a.instanceNumber ?? 0) - (b.instanceNumber ?? 0) || a.index - b.index);

  for (const r of records) {
    if (r.pixelDataProblem) problems.push({ kind: 'truncated', severity: 'error', message: `${r.file}: ${r.pixelDataProblem}`, files: [r.file] });
    if (r.decoderProblem) problems.push({ kind: 'undecodable', severity: 'error', message: `${r.file}: ${r.decoderProblem}`, files: [r.file] });
    if (r.frames > 1) {
      problems.push({
        kind: 'multi-frame',
        severity: 'error',
        message: `${r.file}: a multi-frame file (${r.frames} frames); multi-frame (enhanced) images are not supported yet, export the series as single-frame files`,
        files: [r.file],
      });
    }
  }
  problems.push(...mixed(records, 'mixed-size', 'image size', (r) => `${r.columns}x${r.rows} pixels`));
  problems.push(
    ...mixed(records, 'mixed-pixel-format', 'pixel format', (r) => `${r.bitsAllocated}-bit ${r.pixelRepresentation ? 'signed' : 'unsigned'}, ${r.samplesPerPixel} sample(s) per pixel`),
  );
  problems.push(...missing(records, (r) => r.position !== undefined, 'ImagePositionPatient (0020,0032)'));
  problems.push(...missing(records, (r) => r.orientation !== undefined, 'ImageOrientationPatient (0020,0037)'));
  problems.push(...missing(records, (r) => r.pixelSpacing !== undefined, 'PixelSpacing (0028,0030)'));
  const placed = records.filter((r) => r.position && r.orientation && r.pixelSpacing);
  if (placed.length > 0) {
    problems.push(...mixed(placed, 'mixed-orientation', 'orientation (ImageOrientationPatient)', orientationKey));
    problems.push(...mixed(placed, 'mixed-pixel-spacing', 'pixel spacing', (r) => `${r.pixelSpacing!.map(fmt).join(' x ')} mm`));
  }
  // itk-wasm takes the pixel type from the first file and then decodes slices with another rescale wrongly or
  // aborts (measured: values shifted or interleaved with zeros, "memory access out of bounds"): refuse them.
  const rescales = groupBy(records, (r) => `slope ${r.rescaleSlope ?? 1}, intercept ${r.rescaleIntercept ?? 0}`);
  if (rescales.length > 1) {
    const files = rescales.slice(1).flatMap(([, g]) => g.map((r) => r.file));
    problems.push({
      kind: 'varying-rescale',
      severity: 'error',
      message: `rescale slope/intercept (0028,1053/1052) differ between slices (${rescales
        .slice(0, 3)
        .map(([k, g]) => `${k}: ${g.length} file${g.length === 1 ? '' : 's'}`)
        .join('; ')}${rescales.length > 3 ? '; ...' : ''}), which the decoder cannot handle: e.g. ${fileList(files, 2)}`,
      files,
    });
  }
  if (problems.some((p) => p.severity === 'error')) return { order: byInstance, problems };

  // Geometry from the tags.
  const o = records[0].orientation!;
  const r = normalise([o[0], o[1], o[2]]);
  const c = normalise([o[3], o[4], o[5]]);
  const n = normalise(cross(r, c));
  const along = records.map((rec) => ({ rec, d: dot(n, rec.position!) }));
  along.sort((a, b) => a.d - b.d || a.rec.index - b.rec.index);
  const order = along.map((a) => a.rec);
  const [rowSpacing, colSpacing] = records[0].pixelSpacing!;

  // Positions off the line through the first slice along n (gantry tilt, or a mixed series).
  const p0 = along[0].rec.position!;
  let worst = { off: 0, file: '' };
  for (const { rec, d } of along) {
    const p = rec.position!;
    const off = Math.hypot(...([0, 1, 2].map((k) => p[k] - p0[k] - (d - along[0].d) * n[k]) as Vec3));
    if (off > worst.off) worst = { off, file: rec.file };
  }
  if (worst.off > 0.5 * Math.min(rowSpacing, colSpacing)) {
    problems.push({
      kind: 'not-along-normal',
      severity: 'error',
      message: `${worst.file}: its position is ${fmt(worst.off)} mm off the slice normal through ${along[0].rec.file} (gantry tilt or a sheared acquisition?)`,
      files: [worst.file, along[0].rec.file],
    });
  }

  const gaps: number[] = [];
  for (let k = 1; k < along.length; k++) {
    const gap = along[k].d - along[k - 1].d;
    if (gap < SAME_POSITION_MM) {
      const files = [along[k - 1].rec.file, along[k].rec.file];
      problems.push({
        kind: 'duplicate-position',
        severity: 'error',
        message: `${files[0]} and ${files[1]} lie at the same position (${fmt(along[k].d)} mm along the slice normal): several images per position (echoes, phases, b-values?)`,
        files,
      });
    } else {
      gaps.push(gap);
    }
  }
  if (problems.some((p) => p.severity === 'error')) return { order, problems };

  let zSpacing: number;
  if (along.length === 1) {
    zSpacing = records[0].sliceThickness ?? 1;
    problems.push({
      kind: 'single-slice',
      severity: 'warning',
      message: `${records[0].file}: the series has a single slice; its thickness (${fmt(zSpacing)} mm) is taken as the z spacing`,
      files: [records[0].file],
    });
  } else {
    const s = typicalGap(gaps);
    const tolerance = spacingTolerance(s);
    for (let k = 1; k < along.length; k++) {
      const gap = along[k].d - along[k - 1].d;
      if (Math.abs(gap - s) <= tolerance) continue;
      const a = along[k - 1];
      const b = along[k];
      const ratio = gap / s;
      const m = Math.round(ratio);
      if (m >= 2 && Math.abs(ratio - m) < 0.1) {
        problems.push({
          kind: 'missing-slice',
          severity: 'error',
          message: `missing slice${m > 2 ? 's' : ''}: ${m - 1} slice${m > 2 ? 's' : ''} missing between ${a.rec.file} (at ${fmt(a.d)} mm) and ${b.rec.file} (at ${fmt(b.d)} mm); the other slices are ${fmt(s)} mm apart`,
          files: [a.rec.file, b.rec.file],
        });
      } else {
        problems.push({
          kind: 'non-uniform-spacing',
          severity: 'error',
          message: `non-uniform slice spacing: ${a.rec.file} and ${b.rec.file} are ${fmt(gap)} mm apart, the other slices ${fmt(s)} mm`,
          files: [a.rec.file, b.rec.file],
        });
      }
    }
    zSpacing = (along[along.length - 1].d - along[0].d) / (along.length - 1);
  }
  if (problems.some((p) => p.severity === 'error')) return { order, problems };

  const geometry: Geometry = {
    dims: [records[0].columns, records[0].rows, order.length],
    spacing: [colSpacing, rowSpacing, zSpacing],
    origin: [...order[0].position!] as Vec3,
    direction: [r[0], c[0], n[0], r[1], c[1], n[1], r[2], c[2], n[2]],
  };
  return { geometry, order, problems };
}
