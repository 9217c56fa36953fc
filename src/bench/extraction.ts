/** Whole-case extraction benchmark (filled in with the PyRadiomics-profile engine). */
export async function benchExtraction(o: { repeats: number; log: (line: string) => void }): Promise<string> {
  void o;
  return '## Extraction\n\n(pending: the PyRadiomics-profile extraction is being wired in)';
}
