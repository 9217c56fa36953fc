/**
 * The bridge between pages and ROI editing: components hold no numeric logic and may not import src/core or
 * src/io, so a page builds the viewer's model and the saver here and hands them to <wr-roi-editor> (or to
 * <wr-slice-viewer> + <wr-roi-tools>) as properties. Runs on the main thread: a slice is small, and brush strokes
 * need an answer within a frame.
 */
import { encodeNifti } from '../core/nifti-write.js';
import { labelStats } from '../core/roi/stats.js';
import { ViewerModel } from '../core/roi/viewer-model.js';
import type { Volume } from '../core/volume.js';
import { CODES, encodeSegmentation, sourceSeriesFromFiles, type SegmentToWrite, type SourceSeries } from '../io/dicom/seg-write.js';
import { labelColour } from '../core/roi/render-slice.js';
import type { RoiFormat, RoiSaver } from '../ui/viewer/roi-saver.js';

export { ViewerModel };

/** A model for an image and (optionally) a starting label mask on its grid (copied: edits never touch `labels`). */
export function createViewerModel(image: Volume, labels?: Uint8Array, modality?: string): ViewerModel {
  return new ViewerModel(image, labels ? labels.slice() : undefined, modality);
}

export interface SaverOptions {
  /** file name stem, e.g. "patient-12-roi" */
  stem: string;
  /** the DICOM series the image came from (as SourceSeries, or its files in any order); enables DICOM SEG */
  source?: SourceSeries | Uint8Array[];
  /** segment names by label; default 1 "ROI", 2 "Peritumoral ring" */
  names?: Record<number, string>;
}

const DEFAULT_NAMES: Record<number, string> = { 1: 'ROI', 2: 'Peritumoral ring' };

export function createRoiSaver(model: ViewerModel, options: SaverOptions): RoiSaver {
  const source = Array.isArray(options.source) ? sourceSeriesFromFiles(model.volume, options.source) : options.source;
  const names = { ...DEFAULT_NAMES, ...options.names };
  const mask = (): Volume => ({ ...model.volume, data: model.editor.labels.slice() });
  const formats: RoiFormat[] = source ? ['nifti', 'seg'] : ['nifti'];
  return {
    formats,
    async encode(format) {
      if (format === 'nifti') {
        return { name: `${options.stem}.nii.gz`, bytes: encodeNifti(mask(), { description: 'WebRadiomics ROI label map' }), type: 'application/gzip' };
      }
      const segments: SegmentToWrite[] = labelStats(model.volume, model.editor.labels).map((s) => ({
        label: s.label,
        name: names[s.label] ?? `Label ${s.label}`,
        type: s.label === 2 ? CODES.tissue : CODES.neoplasm,
        category: s.label === 2 ? CODES.tissue : CODES.morphologicallyAltered,
        rgb: labelColour(s.label),
      }));
      return { name: `${options.stem}-seg.dcm`, bytes: encodeSegmentation(mask(), segments, { source, seriesDescription: 'ROI (WebRadiomics)' }), type: 'application/dicom' };
    },
  };
}
