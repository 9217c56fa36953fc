/**
 * Grey level distance zone matrix (IBSI 1 section 3.9, family VMDZ), CPU twin of a future shaders/gldzm.wgsl.
 *
 * Zones as in the GLSZM (26-connected in 3D, 8-connected in the slice in 2D by default). The distance of a zone
 * is the minimum over its voxels of the distance to the ROI edge: city-block steps, 6-connected in 3D and
 * 4-connected in the slice in 2D, counting 1 for a voxel that touches the outside of the ROI or of the image
 * (see zones.ts borderDistanceMap). counts[m][i][d] = number of zones of grey level i at distance d.
 * Layout as the GLSZM (ZoneCounts): nMatrices x ng x maxDistance, entry (i, d) (1-based) at
 * m * ng * nj + (i - 1) * nj + (d - 1); one matrix in 3D, one per slice in 2D; voxels[m] = N_v of matrix m.
 */
import type { GreyLevels } from '../discretise.js';
import type { TextureDimension } from '../directions.js';
import { zoneCounts, type ZoneCounts } from './glszm.js';
import { defaultConnectivity, type Connectivity } from './neighbourhood.js';
import { borderDistanceMap } from './zones.js';

export interface GldzmSettings {
  dimension: TextureDimension;
  /** zone connectivity; IBSI default 26 (3D) or 8 (2D). The distance metric is fixed by IBSI (6 / 4). */
  connectivity?: Connectivity;
}

export function computeGldzm(grey: GreyLevels, settings: GldzmSettings): ZoneCounts {
  const { dimension } = settings;
  const connectivity = settings.connectivity ?? defaultConnectivity(dimension);
  return zoneCounts(grey, dimension, connectivity, borderDistanceMap(grey, dimension));
}
