/** What <wr-roi-tools> needs to save the mask; a page builds one with pipeline/roi-editing.ts. */
export type RoiFormat = 'nifti' | 'seg';

export interface RoiFile {
  name: string;
  bytes: Uint8Array;
  type: string;
}

export interface RoiSaver {
  /** the formats offered: NIfTI always, DICOM SEG when the image came from DICOM (or when the page allows it) */
  formats: RoiFormat[];
  encode(format: RoiFormat): Promise<RoiFile>;
}
