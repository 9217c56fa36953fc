/** The input of itk-wasm writeSegmentation (an int16 label image and a dcmqi description), built in code. */
import type { Image, JsonCompatible } from 'itk-wasm';
import type { GridSpec } from './dicom-synth.js';

export interface SegmentSpec {
  label: string;
  /** 1 where the segment is, on the grid of the referenced series (x fastest) */
  voxels: (i: number, j: number, k: number) => boolean;
}

const code = (value: string, meaning: string) => ({ CodeValue: value, CodingSchemeDesignator: 'SCT', CodeMeaning: meaning });

/** Label image (segment n has label n, from 1) and dcmqi JSON for segments on the grid of a series. */
export function segInput(grid: GridSpec, segments: SegmentSpec[]): { image: Image; meta: JsonCompatible } {
  const [nx, ny, nz] = grid.dims;
  const data = new Int16Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const s = segments.findIndex((seg) => seg.voxels(i, j, k));
    if (s >= 0) data[i + nx * (j + ny * k)] = s + 1;
  }
  const image: Image = {
    imageType: { dimension: 3, componentType: 'int16', pixelType: 'Scalar', components: 1 },
    name: 'segmentation',
    origin: [...grid.origin],
    spacing: [...grid.spacing],
    direction: new Float64Array(grid.direction),
    size: [...grid.dims],
    metadata: new Map(),
    data,
  };
  const meta = {
    ContentCreatorName: 'Synthetic',
    ClinicalTrialSeriesID: 'S1',
    ClinicalTrialTimePointID: '1',
    ClinicalTrialCoordinatingCenterName: 'none',
    SeriesDescription: 'Segmentation',
    SeriesNumber: '300',
    InstanceNumber: '1',
    BodyPartExamined: 'LIVER',
    segmentAttributes: [
      segments.map((s, n) => ({
        labelID: n + 1,
        SegmentLabel: s.label,
        SegmentDescription: s.label,
        SegmentAlgorithmType: 'MANUAL',
        SegmentedPropertyCategoryCodeSequence: code('49755003', 'Morphologically Altered Structure'),
        SegmentedPropertyTypeCodeSequence: code('4147007', 'Mass'),
        recommendedDisplayRGBValue: [255, 0, 0],
      })),
    ],
  };
  return { image, meta };
}
