/** Browser-side test helpers: reference data over /__shared/ and image decoding with the app's own reader. */
import { parseCsvRecords } from '../../src/core/csv.js';
import { maskFromLabels, type Mask, type Volume } from '../../src/core/volume.js';
import { readImageBytes, useLocalPipelines } from '../../src/io/read-image-browser.js';

useLocalPipelines(new URL('/node_modules/@itk-wasm/image-io/dist/pipelines', location.origin).href);

export async function sharedBytes(path: string): Promise<Uint8Array> {
  const r = await fetch(`/__shared/${path}`);
  if (!r.ok) throw new Error(`cannot fetch ${path}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

export async function loadPhantomInBrowser(): Promise<{ image: Volume; mask: Mask }> {
  const base = 'refdata/ibsi/digital_phantom/nifti';
  const image = await readImageBytes('phantom.nii.gz', await sharedBytes(`${base}/image/phantom.nii.gz`));
  const labels = await readImageBytes('mask.nii.gz', await sharedBytes(`${base}/mask/mask.nii.gz`));
  return { image, mask: maskFromLabels(labels) };
}

export async function ibsiReference(): Promise<{ family: string; ibsi_code: string; aggregation_code: string; reference_value: number }[]> {
  const text = new TextDecoder().decode(await sharedBytes('refdata/ibsi/ibsi1_digital_phantom_reference.csv'));
  return parseCsvRecords(text).map((r) => ({ ...r, reference_value: Number(r.reference_value) }) as never);
}

export function sig3(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(3));
}
