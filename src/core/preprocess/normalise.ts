/**
 * Intensity normalisation as PyRadiomics does it (imageoperations.normalizeImage = SimpleITK Normalize):
 * f(x) = s (x - mu) / sigma over all voxels of the image (not only the ROI), mu the mean and sigma the sample standard
 * deviation (N - 1, as itk::StatisticsImageFilter); with removeOutliers n, normalised values are clipped to [-n, n]
 * before the scale s is applied. SimpleITK computes (x + (-mu)) * (1 / sigma); the same order is kept here.
 * NaN voxels are left out of mu and sigma and stay NaN.
 */
import type { NormalisationSettings } from '../settings.js';
import type { Volume } from '../volume.js';

export function normaliseImage(image: Volume, settings: NormalisationSettings): Volume {
  const data = image.data;
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (Number.isNaN(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const sigma = Math.sqrt((sumSq - (sum * sum) / n) / (n - 1));
  const shift = -mean;
  const scale = 1 / sigma;
  const out = new Float64Array(data.length);
  const clip = settings.removeOutliers;
  for (let i = 0; i < data.length; i++) {
    let v = (data[i] + shift) * scale;
    if (clip !== null) {
      if (v > clip) v = clip;
      else if (v < -clip) v = -clip;
    }
    out[i] = v * settings.scale;
  }
  return { ...image, data: out };
}
