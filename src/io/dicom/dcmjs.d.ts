// The part of dcmjs 0.51 (which ships no types) that this project uses: Part 10 read and write, and conversion
// between tag-keyed ("denaturalised") and keyword-keyed ("naturalised") datasets.
declare module 'dcmjs' {
  /** A dataset keyed by DICOM keyword (PatientName, ROIContourSequence, ...); sequences are arrays of datasets. */
  export type NaturalDataset = Record<string, unknown>;
  /** A dataset keyed by tag ('0020000E') with { vr, Value } entries. */
  export type DenaturalDataset = Record<string, { vr: string; Value?: unknown[] }>;

  export interface DicomDictInstance {
    meta: DenaturalDataset;
    dict: DenaturalDataset;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  export interface ReadOptions {
    ignoreErrors?: boolean;
    untilTag?: string | null;
    includeUntilTagValue?: boolean;
    noCopy?: boolean;
  }

  const dcmjs: {
    data: {
      DicomDict: new (meta: DenaturalDataset) => DicomDictInstance;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: ReadOptions): DicomDictInstance };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DenaturalDataset): NaturalDataset;
        denaturalizeDataset(dataset: NaturalDataset): DenaturalDataset;
        uid(): string;
      };
    };
    log: { setLevel?(level: string): void; level?: unknown; disableAll?(): void };
  };
  export default dcmjs;
}
