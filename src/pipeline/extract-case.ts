/**
 * The full engine for one case, as the app's worker, the CLI (`extract`, `score`) and the cohort runner use it:
 * image + label mask + extraction settings (IBSI or PyRadiomics profile, any image types) -> feature records in one
 * output shape, with the backend that ran and every warning.
 *
 * Stages (docs/conventions.md): core preprocess -> filters -> discretise -> matrices -> features. The matrices come
 * from the GPU (src/gpu, one submit per case) when the backend allows and a device is there, else from their CPU
 * twins; the values are the same either way. The filters of PyRadiomics' derived image types (Wavelet ...) run on
 * the GPU too under the same rules (gpu-prefilter.ts: one more submit and read-back, of the ROI values only); there
 * the features are the CPU twins' on the GPU's f32 filtered values, which differ from the f64 CPU filters' by f32
 * rounding. `filterBackend` picks the filters' backend apart from the matrices' (e.g. 'cpu' for f64 filters).
 * Errors about the input (no voxel with the label, geometry mismatch, a one-voxel ROI under PyRadiomics, invalid
 * settings) are thrown as InputError with the file named; callers show them as they are.
 */
import { DiscretisationError } from '../core/discretise.js';
import { ExtractionError, planExtraction, prepareExtraction, type IbsiResult, type PreparedExtraction, type PyradiomicsResult } from '../core/extract.js';
import { pyradiomicsFilterRequests } from '../core/extract/pyradiomics.js';
import { pyradiomicsFilterProvider } from '../core/filters/pyradiomics/provider.js';
import { AGGREGATION_CODES, ZONE_AGGREGATION_CODES } from '../core/features/types.js';
import { pyradiomicsMatrixAggregation, SettingsError, type ExtractionSettings } from '../core/settings.js';
import type { Volume } from '../core/volume.js';
import type { GpuAcquisition } from '../gpu/device.js';
import { caseMatrices, type EngineStats } from './case-matrices.js';
import { filterStage, type FilterStage } from './gpu-prefilter.js';
import { InputError, type BackendChoice, type BackendUsed } from './extract-slice.js';

export { InputError, BackendError, type BackendChoice, type BackendUsed } from './extract-slice.js';
export type { EngineStats } from './case-matrices.js';

export interface CaseInput {
  image: Volume;
  /** label map; the ROI is settings.label */
  mask: Volume;
  /** file names, for messages */
  imageName: string;
  maskName: string;
}

/** One feature value, the same record under both profiles (JSON output, tables, model scoring). */
export interface CaseFeature {
  /** IBSI name ("Joint maximum") under the ibsi profile; PyRadiomics' output name (original_glcm_Contrast) under pyradiomics */
  name: string;
  /** IBSI family ("GLCM") or PyRadiomics class ("glcm") */
  family: string;
  /** image type: 'original', 'log-sigma-1-0-mm-3D', 'wavelet-LLH', ... */
  image_type: string;
  /** IBSI feature code where one exists */
  ibsi_code: string | null;
  /** IBSI aggregation code (e.g. ITBB) where the family has one */
  aggregation_code: string | null;
  /** IBSI's label of a parametrised feature sharing name and code ("volume fraction at 10% intensity"); IBSI profile */
  table_feature?: string;
  value: number;
}

export interface CaseResult {
  profile: 'ibsi' | 'pyradiomics';
  features: CaseFeature[];
  backend: BackendUsed;
  /** what the GPU stages did: submits and read-backs (1 and 1 on the GPU, 2 and 2 with GPU filters), matrices and filters on the GPU / CPU */
  engine?: EngineStats;
  warnings: string[];
  diagnostics?: IbsiResult['diagnostics'];
}

export interface CaseOptions {
  settings: ExtractionSettings;
  backend: BackendChoice;
  /** backend of the filters of derived image types (PyRadiomics profile); default: `backend` */
  filterBackend?: BackendChoice;
}

const TEXTURE_CLASSES = new Set(['glcm', 'glrlm']);
const ZONE_CLASSES = new Set(['glszm', 'gldm', 'ngtdm']);

/** The IBSI aggregation code PyRadiomics' settings imply for a class (null for shape and first order). */
function pyradiomicsAggregationCode(featureClass: string, settings: ExtractionSettings): string | null {
  if (TEXTURE_CLASSES.has(featureClass)) return AGGREGATION_CODES[pyradiomicsMatrixAggregation(settings.texture)].code;
  if (ZONE_CLASSES.has(featureClass)) return ZONE_AGGREGATION_CODES[settings.texture.force2D ? '2.5d' : '3d'].code;
  return null;
}

/** Core results -> CaseFeature records. */
export function caseFeatures(result: PyradiomicsResult | IbsiResult, settings: ExtractionSettings): CaseFeature[] {
  if (result.profile === 'pyradiomics') {
    return (result as PyradiomicsResult).features.map((f) => ({
      name: f.name,
      family: f.featureClass,
      image_type: f.imageType,
      ibsi_code: f.ibsi_code ?? null,
      aggregation_code: pyradiomicsAggregationCode(f.featureClass, settings),
      value: f.value,
    }));
  }
  return (result as IbsiResult).features.map((f) => ({
    name: f.name,
    family: f.family,
    image_type: f.imageType,
    ibsi_code: f.ibsi_code || null,
    aggregation_code: f.aggregation_code || null,
    ...(f.table_feature ? { table_feature: f.table_feature } : {}),
    value: f.value,
  }));
}

/**
 * Extracts one case. `getGpu` is consulted only when the backend is not 'cpu'. Derived image types are filtered on
 * the GPU first where the filter backend allows (gpu-prefilter.ts, one submit), the core plans the case (preprocess,
 * filters left to the CPU, discretisation: core/extract.ts planExtraction), the matrices come from the GPU
 * (case-matrices.ts, one submit) or the CPU twins, and the core finishes the features; BackendUsed says which ran
 * and why, EngineStats what each stage did.
 */
export async function extractCase(input: CaseInput, options: CaseOptions, getGpu: () => Promise<GpuAcquisition>): Promise<CaseResult> {
  const { settings, backend } = options;
  const filterBackend = options.filterBackend ?? backend;
  const inputError = (e: unknown): unknown => {
    if (e instanceof SettingsError) return new InputError(e.message);
    if (e instanceof ExtractionError) return new InputError(`${input.maskName} on ${input.imageName}: ${e.message}`);
    if (e instanceof DiscretisationError) return new InputError(`${input.imageName}: ${e.message}`);
    return e;
  };
  const requests = settings.profile === 'pyradiomics' && settings.imageTypes ? pyradiomicsFilterRequests(settings) : [];
  // the GPU filter stage needs the prepared image first; the plan then starts from the same prepared case
  let prepared: PreparedExtraction | undefined;
  let stage: FilterStage | null = null;
  if (requests.length > 0 && filterBackend !== 'cpu') {
    try {
      prepared = prepareExtraction(input.image, input.mask, settings);
    } catch (e) {
      throw inputError(e);
    }
    stage = await filterStage(prepared.prepared, requests, filterBackend, getGpu);
  }
  let plan: ReturnType<typeof planExtraction>;
  try {
    plan = planExtraction(input.image, input.mask, settings, { filters: stage?.filters ?? pyradiomicsFilterProvider, ...(prepared ? { prepared } : {}) });
  } catch (e) {
    throw inputError(e);
  }
  const matrices = await caseMatrices(plan.matrices, backend, getGpu);
  let result: PyradiomicsResult | IbsiResult;
  try {
    result = plan.finish(matrices.results, { matrices: matrices.engine.ms, ...(stage && stage.stats.gpuFilters > 0 ? { filters: stage.stats.ms } : {}) });
  } catch (e) {
    throw inputError(e);
  }
  const m = matrices.engine;
  const f = stage?.stats ?? { submits: 0, readbacks: 0, gpuFilters: 0, cpuFilters: requests.length, ms: 0 };
  const engine: EngineStats = {
    ...m,
    submits: m.submits + f.submits,
    readbacks: m.readbacks + f.readbacks,
    gpuFilters: f.gpuFilters,
    cpuFilters: f.cpuFilters,
    filterMs: stage ? f.ms : 0,
  };
  // what the user sees of the backend (CLI's "computed on", the app) says where the filters ran too
  const backendUsed = f.gpuFilters > 0 ? { ...matrices.backend, description: `${matrices.backend.description}; ${f.gpuFilters} of ${requests.length} filtered image types on the GPU` } : matrices.backend;
  return {
    profile: result.profile,
    features: caseFeatures(result, settings),
    backend: backendUsed,
    engine,
    warnings: [...(stage?.warnings ?? []), ...matrices.warnings, ...result.warnings],
    ...(result.diagnostics ? { diagnostics: result.diagnostics } : {}),
  };
}
