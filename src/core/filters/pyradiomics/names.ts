/** PyRadiomics image-type names (the prefix of every feature name, e.g. "log-sigma-3-0-mm-3D_firstorder_Mean"). */

/**
 * Python's str() of a float: shortest round-trip digits, always with a decimal point or exponent ("3.0", "0.5",
 * "1e-05"). `writtenAsInteger`: the parameter file gave an int (sigma: [3]), which Python prints as "3".
 */
export function pythonNumberText(x: number, writtenAsInteger = false): string {
  if (writtenAsInteger && Number.isInteger(x)) return String(x);
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  const s = String(x);
  // JS "1e-7" / "1.5e+21" -> Python "1e-07" / "1.5e+21"
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** "log-sigma-<sigma with '.' -> '-'>-mm-3D" as getLoGImage names it. */
export function logImageTypeName(sigmaMm: number, writtenAsInteger = false): string {
  return `log-sigma-${pythonNumberText(sigmaMm, writtenAsInteger).replace(/\./g, '-')}-mm-3D`;
}

/** "wavelet-HLL" for level 1, "wavelet2-HLL" for level 2 (letters in x, y, z order). */
export function waveletImageTypeName(level: number, bands: string): string {
  return level === 1 ? `wavelet-${bands}` : `wavelet${level}-${bands}`;
}
