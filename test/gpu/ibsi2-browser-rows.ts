/**
 * IBSI 2 phase 1 rows and phantoms as the Chromium filter tests read them (test/gpu/*filters.browser.test.ts): the
 * rows of phase1_tests.csv with their map, phantom and voxel tolerance, and NIfTI files decoded by the app's reader.
 */
import { parseCsvRecords } from '../../src/core/csv.js';
import type { Volume } from '../../src/core/volume.js';
import { readImageBytes } from '../../src/io/read-image-browser.js';
import { sharedBytes } from './browser-helpers.js';
import type { FilterRow } from './filters-ibsi2-rows.js';

const PHASE1 = 'refdata/ibsi2/phase1';

export interface Row extends FilterRow {
  id: string;
  map: string;
  image: string;
  tolerance: number;
}

export async function rows(): Promise<Row[]> {
  const text = new TextDecoder().decode(await sharedBytes(`${PHASE1}/phase1_tests.csv`));
  return parseCsvRecords(text).map((r) => ({
    id: r.test_id,
    filter: r.filter,
    dimensionality: r.dimensionality,
    padding: r.padding,
    params: JSON.parse(r.params) as Record<string, unknown>,
    map: r.reference_response_map,
    image: r.phantom_image,
    tolerance: Number(r.voxel_tolerance_abs),
  }));
}

/** A phase 1 file (phantom or reference map) by its path in the CSV. */
export async function load(path: string): Promise<Volume> {
  return readImageBytes(path.split('/').pop()!, await sharedBytes(`${PHASE1}/${path}`));
}
