/**
 * Grey level size zone matrix (IBSI 1 section 3.8, family 9SAK), CPU twin of a future shaders/glszm.wgsl.
 *
 * A zone is a maximal connected set of ROI voxels with one grey level (26-connected in 3D, 8-connected in the
 * slice in 2D by default). counts[m][i][j] is the number of zones of grey level i with j voxels in matrix m:
 * one matrix in 3D, one per slice (along z) in 2D. Layout: nMatrices x ng x maxSize, row-major, entry (i, j)
 * (1-based) at m * ng * maxSize + (i - 1) * maxSize + (j - 1). maxSize = the largest zone found (at least 1),
 * the same for every matrix so that slice matrices can be summed (2.5D). voxels[m] = ROI voxels of matrix m
 * (= sum_j j counts[m][i][j]).
 */
import type { GreyLevels } from '../discretise.js';
import type { TextureDimension } from '../directions.js';
import { defaultConnectivity, type Connectivity } from './neighbourhood.js';
import { forEachZone, forEachZonePadded } from './zones.js';
import type { PaddedGrid } from './padded-grid.js';

export interface GlszmSettings {
  dimension: TextureDimension;
  /** zone connectivity; IBSI default 26 (3D) or 8 (2D) */
  connectivity?: Connectivity;
}

export interface ZoneCounts {
  dimension: TextureDimension;
  /** nMatrices x ng x nj (see the file header) */
  counts: Uint32Array;
  ng: number;
  /** number of columns: largest zone size (GLSZM) or largest zone distance (GLDZM) */
  nj: number;
  /** 1 in 3D; nz in 2D (matrix index = slice) */
  slices: number;
  /** ROI voxels per matrix (N_v) */
  voxels: Uint32Array;
}

export function computeGlszm(grey: GreyLevels, settings: GlszmSettings): ZoneCounts {
  return zoneCounts(grey, settings.dimension, settings.connectivity ?? defaultConnectivity(settings.dimension), null);
}

/** computeGlszm on a padded grid (padded-grid.ts; any border of 1 or more; its levels are left unchanged). */
export function glszmPadded(g: PaddedGrid, ng: number, settings: GlszmSettings): ZoneCounts {
  const { dimension } = settings;
  const connectivity = settings.connectivity ?? defaultConnectivity(dimension);
  const slices = dimension === '3d' ? 1 : g.nz - 2 * g.pad;
  return countZones(ng, dimension, slices, false, (visit) => forEachZonePadded(g, dimension, connectivity, null, visit));
}

/**
 * Counts zones by grey level (rows) and by size, or by minimum of `distance` over the zone when a distance map
 * is given (columns; the GLDZM). Shared by the GLSZM and GLDZM twins.
 */
export function zoneCounts(
  grey: GreyLevels,
  dimension: TextureDimension,
  connectivity: Connectivity,
  distance: Uint32Array | null,
): ZoneCounts {
  const slices = dimension === '3d' ? 1 : grey.dims[2];
  return countZones(grey.ng, dimension, slices, distance !== null, (visit) => forEachZone(grey, dimension, connectivity, distance, visit));
}

type ZoneVisitor = (slice: number, level: number, size: number, minDistance: number) => void;

/** The zone matrix of the zones that `zones` visits (columns: size, or minimum distance when byDistance). */
function countZones(ng: number, dimension: TextureDimension, slices: number, byDistance: boolean, zones: (visit: ZoneVisitor) => void): ZoneCounts {
  // Zones are packed as (slice, level, size, column) so the matrix width is known before filling.
  let packed = new Uint32Array(4 * 64);
  let nzones = 0;
  let nj = 1;
  zones((slice, level, size, minDistance) => {
    if (4 * nzones + 4 > packed.length) {
      const grown = new Uint32Array(packed.length * 2);
      grown.set(packed);
      packed = grown;
    }
    const column = byDistance ? minDistance : size;
    packed[4 * nzones] = slice;
    packed[4 * nzones + 1] = level;
    packed[4 * nzones + 2] = size;
    packed[4 * nzones + 3] = column;
    nzones++;
    if (column > nj) nj = column;
  });
  const counts = new Uint32Array(slices * ng * nj);
  const voxels = new Uint32Array(slices);
  for (let k = 0; k < nzones; k++) {
    const s = packed[4 * k];
    counts[s * ng * nj + (packed[4 * k + 1] - 1) * nj + (packed[4 * k + 3] - 1)]++;
    voxels[s] += packed[4 * k + 2];
  }
  return { dimension, counts, ng, nj, slices, voxels };
}
