/**
 * Cohort input: the image manifest and the clinical table joined by patient id, with every problem reported as an
 * issue that names file, row and column. The cohort is usable when no issue is an error.
 *
 * Join checks: a manifest id absent from the clinical table is an error ("unknown id"); a clinical id without
 * images is a warning (the patient is left out); a patient missing a sequence (or reader) that others have is an
 * error; a centre given in both files must agree.
 *
 * Endpoints from the response category (mRECIST / RECIST):
 *   objective response  ORR: 1 = CR or PR,       0 = SD or PD
 *   disease control     DCR: 1 = CR, PR or SD,   0 = PD
 */
import { parseClinical, type ClinicalOptions, type ClinicalVariableSpec, type ResponseCategory, type SurvivalOutcome } from './cohort-clinical.js';
import { parseManifest, type ManifestEntry, type ManifestOptions } from './cohort-manifest.js';
import { IssueList, type CohortIssue } from './cohort-table.js';

export type Endpoint = 'objective-response' | 'disease-control';

export const ENDPOINT_LABELS: Record<Endpoint, { positive: string; negative: string }> = {
  'objective-response': { positive: 'objective response (CR + PR)', negative: 'no objective response (SD + PD)' },
  'disease-control': { positive: 'disease control (CR + PR + SD)', negative: 'progressive disease (PD)' },
};

/** 1 for a responder under the endpoint, 0 otherwise. */
export function endpointValue(response: ResponseCategory, endpoint: Endpoint): 0 | 1 {
  if (endpoint === 'objective-response') return response === 'CR' || response === 'PR' ? 1 : 0;
  return response === 'PD' ? 0 : 1;
}

export interface CohortPatient {
  id: string;
  centre: string | null;
  /** Manifest rows of this patient (all sequences and readers). */
  images: ManifestEntry[];
  response: ResponseCategory | null;
  os: SurvivalOutcome | null;
  pfs: SurvivalOutcome | null;
  clinical: Record<string, number | string | null>;
}

export interface Cohort {
  patients: CohortPatient[];
  sequences: string[];
  readers: string[];
  variables: ClinicalVariableSpec[];
  issues: CohortIssue[];
  /** True when no issue is an error. */
  ok: boolean;
}

export interface CohortInput {
  manifest: { text: string } & ManifestOptions;
  clinical: { text: string } & ClinicalOptions;
}

/** Parses, checks and joins the two files. */
export function loadCohort(input: CohortInput): Cohort {
  const issues = new IssueList();
  const manifestFile = input.manifest.file ?? 'manifest.csv';
  const clinicalFile = input.clinical.file ?? 'clinical.csv';
  const { entries, idColumn } = parseManifest(input.manifest.text, issues, input.manifest);
  const { records, variables, allIds, idColumn: clinicalIdColumn, centreColumn } = parseClinical(input.clinical.text, issues, input.clinical);

  const byId = new Map(records.map((r) => [r.patientId, r]));
  const imagesOf = new Map<string, ManifestEntry[]>();
  for (const e of entries) {
    if (!allIds.has(e.patientId)) {
      issues.error(manifestFile, e.row, idColumn, `unknown id ${e.patientId}: no row in ${clinicalFile}`, e.patientId);
      continue;
    }
    const list = imagesOf.get(e.patientId);
    if (list) list.push(e);
    else imagesOf.set(e.patientId, [e]);
  }
  for (const r of records) {
    if (!imagesOf.has(r.patientId)) issues.warning(clinicalFile, r.row, clinicalIdColumn, `patient ${r.patientId} has no images in ${manifestFile}; left out`, r.patientId);
  }
  const sequences = [...new Set(entries.map((e) => e.sequence))].sort();
  const readers = [...new Set(entries.map((e) => e.reader))].sort();

  const patients: CohortPatient[] = [];
  for (const [id, images] of imagesOf) {
    const rec = byId.get(id);
    if (!rec) continue; // its clinical row had errors, already reported
    for (const s of sequences) {
      if (!images.some((e) => e.sequence === s)) issues.error(manifestFile, undefined, 'sequence', `patient ${id} has no "${s}" image although other patients do`, id);
    }
    const manifestCentre = images.find((e) => e.centre !== undefined)?.centre;
    if (manifestCentre !== undefined && rec.centre !== undefined && manifestCentre !== rec.centre) {
      issues.error(clinicalFile, rec.row, centreColumn, `centre "${rec.centre}" of patient ${id} disagrees with "${manifestCentre}" in ${manifestFile}`, id);
    }
    patients.push({
      id,
      centre: rec.centre ?? manifestCentre ?? null,
      images,
      response: rec.response,
      os: rec.os,
      pfs: rec.pfs,
      clinical: rec.values,
    });
  }
  patients.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { patients, sequences, readers, variables, issues: issues.items, ok: !issues.hasErrors };
}

/** Endpoint labels of the patients (throws when a response is missing). */
export function endpointLabels(patients: readonly CohortPatient[], endpoint: Endpoint): (0 | 1)[] {
  return patients.map((p) => {
    if (p.response === null) throw new Error(`patient ${p.id} has no response category`);
    return endpointValue(p.response, endpoint);
  });
}
