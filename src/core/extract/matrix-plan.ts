/**
 * The matrices stage of an extraction as data: the grey-level images of a case, the texture matrices each needs
 * (requests), and their results. The extraction is split in three so that the matrices can come from any provider:
 *   (a) plan (sync, core): preprocess + filters + discretise -> images and matrix requests (MatrixPlan);
 *   (b) matrices: the CPU twins (computeMatricesCpu, below) or the GPU (src/gpu/engine-matrices.ts, one submit);
 *   (c) finish (sync, core): matrices -> feature records.
 * Matrices are integer counts, so every provider gives the same numbers and the records are bit-identical.
 *
 * A request is written in the CPU twin's own terms (settings of src/core/matrices/*); a provider returns the twin's
 * layout. Identical requests on one image are asked once (IBSI's averaged and merged aggregations share a matrix).
 */
import type { GreyLevels } from '../discretise.js';
import { computeGlcm, type GlcmCounts, type GlcmSettings } from '../matrices/glcm.js';
import { computeGlcmByOffsets, glcmCountsPadded } from '../matrices/glcm-offsets.js';
import { computeGldzm, type GldzmSettings } from '../matrices/gldzm.js';
import { computeGlrlm, glrlmPadded, type GlrlmCounts, type GlrlmSettings } from '../matrices/glrlm.js';
import { computeGlszm, glszmPadded, type GlszmSettings, type ZoneCounts } from '../matrices/glszm.js';
import { computeNgldm, ngldmPadded, type NgldmCounts, type NgldmSettings } from '../matrices/ngldm.js';
import { computeNgtdm, ngtdmPadded, type NgtdmCounts, type NgtdmSettings } from '../matrices/ngtdm.js';
import type { PaddedGrid } from '../matrices/padded-grid.js';

/** PyRadiomics' GLCM: one ng x ng matrix per neighbour offset over the whole grid (glcm-offsets.ts). */
export interface GlcmOffsetSettings {
  /** (dx, dy, dz) triplets */
  offsets: Int32Array;
  /** P + P^T */
  symmetric: boolean;
}

/** Matrices asked of one image, by family; each family may be asked with several settings. */
export interface MatrixRequests {
  glcm: GlcmSettings[];
  glcmOffsets: GlcmOffsetSettings[];
  glrlm: GlrlmSettings[];
  glszm: GlszmSettings[];
  gldzm: GldzmSettings[];
  ngtdm: NgtdmSettings[];
  ngldm: NgldmSettings[];
}

/** The results, in the twins' layouts, in the order of the requests. */
export interface MatrixResults {
  glcm: GlcmCounts[];
  /** nOffsets x ng x ng */
  glcmOffsets: Uint32Array[];
  glrlm: GlrlmCounts[];
  glszm: ZoneCounts[];
  gldzm: ZoneCounts[];
  ngtdm: NgtdmCounts[];
  ngldm: NgldmCounts[];
}

export type MatrixFamily = keyof MatrixRequests;

export const MATRIX_FAMILIES: readonly MatrixFamily[] = ['glcm', 'glcmOffsets', 'glrlm', 'glszm', 'gldzm', 'ngtdm', 'ngldm'];

/** One grey-level image of a case and what is asked of it. */
export interface MatrixImage {
  grey: GreyLevels;
  /** the CPU twins' padded copy of the grid, where the plan already has one (PyRadiomics); GPU providers ignore it */
  padded?: PaddedGrid;
  requests: MatrixRequests;
}

function emptyRequests(): MatrixRequests {
  return { glcm: [], glcmOffsets: [], glrlm: [], glszm: [], gldzm: [], ngtdm: [], ngldm: [] };
}

/** Number of matrix requests of an image. */
export function requestCount(r: MatrixRequests): number {
  let n = 0;
  for (const f of MATRIX_FAMILIES) n += r[f].length;
  return n;
}

function settingsKey(settings: object): string {
  return JSON.stringify(settings, (_k, v: unknown) => (v instanceof Int32Array ? Array.from(v) : v));
}

/**
 * Collects the images and requests of one case. `request` returns a getter that gives the result once `resolve`
 * has been called with the provider's results.
 */
export class MatrixPlan {
  readonly images: MatrixImage[] = [];
  private readonly keys: Map<string, number>[] = [];
  private results: MatrixResults[] | null = null;

  /** Index of `grey` among the images (the same object is one image); `padded` is kept for the CPU twins. */
  image(grey: GreyLevels, padded?: PaddedGrid): number {
    let i = this.images.findIndex((m) => m.grey === grey);
    if (i < 0) {
      i = this.images.length;
      this.images.push({ grey, requests: emptyRequests() });
      this.keys.push(new Map());
    }
    if (padded && !this.images[i].padded) this.images[i].padded = padded;
    return i;
  }

  request<F extends MatrixFamily>(image: number, family: F, settings: MatrixRequests[F][number]): () => MatrixResults[F][number] {
    const key = `${family}:${settingsKey(settings)}`;
    const keys = this.keys[image];
    let index = keys.get(key);
    if (index === undefined) {
      const list = this.images[image].requests[family] as MatrixRequests[F][number][];
      index = list.length;
      list.push(settings);
      keys.set(key, index);
    }
    const at = index;
    return () => {
      if (!this.results) throw new Error('MatrixPlan: the matrices were not computed yet');
      return this.results[image][family][at] as MatrixResults[F][number];
    };
  }

  /** Takes the provider's results (one per image, one entry per request); checks their counts. */
  resolve(results: MatrixResults[]): void {
    if (results.length !== this.images.length) throw new Error(`MatrixPlan: ${results.length} results for ${this.images.length} images`);
    results.forEach((r, i) => {
      for (const f of MATRIX_FAMILIES) {
        if (r[f].length !== this.images[i].requests[f].length) throw new Error(`MatrixPlan: image ${i} ${f}: ${r[f].length} results for ${this.images[i].requests[f].length} requests`);
      }
    });
    this.results = results;
  }
}

/** The CPU twins of one image's requests (the padded forms where the plan has a padded grid). */
export function computeImageMatricesCpu(m: MatrixImage): MatrixResults {
  const { grey, padded, requests: r } = m;
  const ng = grey.ng;
  return {
    glcm: r.glcm.map((s) => computeGlcm(grey, s)),
    glcmOffsets: r.glcmOffsets.map((s) => (padded ? glcmCountsPadded(padded, ng, s.offsets, s.symmetric) : computeGlcmByOffsets(grey, s.offsets, s.symmetric))),
    glrlm: r.glrlm.map((s) => (padded && s.dimension === '3d' ? glrlmPadded(padded, ng, s) : computeGlrlm(grey, s))),
    glszm: r.glszm.map((s) => (padded && s.dimension === '3d' ? glszmPadded(padded, ng, s) : computeGlszm(grey, s))),
    gldzm: r.gldzm.map((s) => computeGldzm(grey, s)),
    ngtdm: r.ngtdm.map((s) => (padded ? ngtdmPadded(padded, ng, s) : computeNgtdm(grey, s))),
    ngldm: r.ngldm.map((s) => (padded ? ngldmPadded(padded, ng, s) : computeNgldm(grey, s))),
  };
}

/** The CPU matrix provider: every request of every image by its twin. */
export function computeMatricesCpu(images: readonly MatrixImage[]): MatrixResults[] {
  return images.map(computeImageMatricesCpu);
}

/** A single request as a MatrixImage (for chunked providers). */
export function singleRequest<F extends MatrixFamily>(image: MatrixImage, family: F, index: number): MatrixImage {
  const requests = emptyRequests();
  (requests[family] as MatrixRequests[F][number][]).push(image.requests[family][index]);
  return { grey: image.grey, ...(image.padded ? { padded: image.padded } : {}), requests };
}

export function emptyResults(): MatrixResults {
  return { glcm: [], glcmOffsets: [], glrlm: [], glszm: [], gldzm: [], ngtdm: [], ngldm: [] };
}
