/** Access to ../shared (reference data nobody here computed). Read only. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseCsvRecords } from '../../src/core/csv.js';

export const SHARED = process.env.WEBRADIOMICS_SHARED ?? fileURLToPath(new URL('../../../shared', import.meta.url));

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED, ...parts);
}

export const PHANTOM_IMAGE = sharedPath('refdata/ibsi/digital_phantom/nifti/image/phantom.nii.gz');
export const PHANTOM_MASK = sharedPath('refdata/ibsi/digital_phantom/nifti/mask/mask.nii.gz');

export interface IbsiReference {
  family: string;
  feature: string;
  ibsi_code: string;
  aggregation_code: string;
  reference_value: number;
  tolerance: number;
}

export function ibsiPhantomReference(): IbsiReference[] {
  const text = readFileSync(sharedPath('refdata/ibsi/ibsi1_digital_phantom_reference.csv'), 'utf8');
  return parseCsvRecords(text).map((r) => ({
    family: r.family,
    feature: r.feature,
    ibsi_code: r.ibsi_code,
    aggregation_code: r.aggregation_code,
    reference_value: Number(r.reference_value),
    tolerance: Number(r.tolerance),
  }));
}

/** Rounds to 3 significant digits, as the IBSI phantom reference values are printed. */
export function sig3(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(3));
}
