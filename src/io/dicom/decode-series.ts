/**
 * Decodes one series of an imported study with itk-wasm read-image-dicom-file-series, after the checks of the
 * import (core/dicom/series-checks) have passed, and checks that the volume it returns has the geometry the tags
 * describe (itk-wasm picks one series silently, averages a missing slice's spacing and takes the pixel type from
 * the first file; here none of that can pass unnoticed).
 */
import { describeSeries, type SeriesSummary } from '../../core/dicom/study.js';
import type { Geometry, Volume } from '../../core/volume.js';
import { ImageReadError } from '../image-format.js';
import { itkImageToVolume } from '../itk-to-volume.js';
import { DicomInputError } from './dicom-error.js';
import type { DicomInput, ProgressCallback } from './import-study.js';
import { firstLine, readSeriesImage, type PipelineRunner } from './pipeline-runner.js';

export interface DecodedSeries {
  volume: Volume;
  warnings: string[];
}

/** Where two geometries differ beyond what rounding of DICOM decimal strings explains, or null. */
export function geometryDisagreement(expected: Geometry, got: Geometry): string | null {
  for (let k = 0; k < 3; k++) if (expected.dims[k] !== got.dims[k]) return `size ${got.dims.join('x')} instead of ${expected.dims.join('x')}`;
  for (let k = 0; k < 3; k++) {
    if (Math.abs(expected.spacing[k] - got.spacing[k]) > 1e-3 + 1e-3 * expected.spacing[k]) return `spacing ${got.spacing.join(' x ')} mm instead of ${expected.spacing.join(' x ')} mm`;
  }
  for (let k = 0; k < 3; k++) {
    if (Math.abs(expected.origin[k] - got.origin[k]) > 1e-2) return `origin (${got.origin.join(', ')}) instead of (${expected.origin.join(', ')})`;
  }
  for (let k = 0; k < 9; k++) if (Math.abs(expected.direction[k] - got.direction[k]) > 1e-3) return 'a different orientation';
  return null;
}

/** Decodes `series` from the study's files (`files` indexed as at import). */
export async function decodeSeries(run: PipelineRunner, files: DicomInput[], series: SeriesSummary, onProgress?: ProgressCallback): Promise<DecodedSeries> {
  const name = describeSeries(series);
  const errors = series.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !series.geometry) {
    const lines = errors.map((p) => p.message);
    throw new DicomInputError(`${name} cannot be decoded:\n  ${lines.join('\n  ')}`, lines);
  }
  const total = series.fileIndices.length;
  onProgress?.({ phase: 'decoding', done: 0, total });
  const result = await readSeriesImage(
    run,
    series.fileIndices.map((i) => files[i].bytes),
  );
  if (!result.image) {
    throw new DicomInputError(`${name}: itk-wasm could not decode the series (${firstLine(result.stderr) || `error ${result.returnValue}, no reason given`})`);
  }
  onProgress?.({ phase: 'checking', done: total, total });
  let volume: Volume;
  try {
    volume = itkImageToVolume(name, result.image);
  } catch (e) {
    if (e instanceof ImageReadError) throw new DicomInputError(e.message);
    throw e;
  }
  const disagreement = geometryDisagreement(series.geometry, volume);
  if (disagreement) throw new DicomInputError(`${name}: the decoded volume disagrees with the slice positions: ${disagreement}`);
  const warnings = series.problems.filter((p) => p.severity === 'warning').map((p) => p.message);
  const stderr = result.stderr.trim();
  if (stderr) warnings.push(`${name}: the decoder reported: ${stderr.split('\n').slice(0, 3).join(' / ')}`);
  return { volume, warnings };
}
