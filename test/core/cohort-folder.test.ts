import { describe, expect, it } from 'vitest';
import { manifestFromFolder } from '../../src/core/model/cohort-folder.js';
import { cohortPlan, parseManifest } from '../../src/core/model/cohort-manifest.js';
import { IssueList } from '../../src/core/model/cohort-table.js';

function run(paths: string[]) {
  const issues = new IssueList();
  const r = manifestFromFolder(paths, issues, 'cohort');
  return { ...r, issues: issues.items };
}

describe('a cohort folder with one subfolder per patient -> manifest', () => {
  it('sequences as files or DICOM folders, masks per sequence or shared, in patient order', () => {
    const r = run([
      'P10/AP.nii.gz',
      'P10/PVP.nii.gz',
      'P10/mask.nii.gz',
      'P2/AP.nrrd',
      'P2/AP_mask.nrrd',
      'P2/PVP/IM0001',
      'P2/PVP/IM0002',
      'P2/PVP-seg.dcm',
      'P2/.DS_Store',
      'clinical.csv',
    ]);
    expect(r.issues).toEqual([]);
    expect(r.sequences).toEqual(['AP', 'PVP']);
    expect(r.patients).toBe(2);
    expect(r.manifest).toBe(
      'patient_id,sequence,image,mask\n' +
        'P2,AP,P2/AP.nrrd,P2/AP_mask.nrrd\n' +
        'P2,PVP,P2/PVP,P2/PVP-seg.dcm\n' +
        'P10,AP,P10/AP.nii.gz,P10/mask.nii.gz\n' +
        'P10,PVP,P10/PVP.nii.gz,P10/mask.nii.gz\n',
    );
    // it is a manifest like any other: parsed and planned without issues
    const issues = new IssueList();
    const m = parseManifest(r.manifest, issues, { file: 'cohort' });
    const plan = cohortPlan(m.entries, issues, { file: 'cohort' });
    expect(issues.items).toEqual([]);
    expect(plan.sequences).toEqual(['AP', 'PVP']);
    expect(plan.patients.map((p) => p.id)).toEqual(['P2', 'P10']);
  });

  it('a single sequence gives a manifest without a sequence column (unprefixed feature names)', () => {
    const r = run(['a/t2.nii', 'a/t2_label.nii', 'b/T2.nii', 'b/roi.nii']);
    expect(r.issues).toEqual([]);
    expect(r.sequences).toEqual(['t2']);
    expect(r.manifest).toBe('patient_id,image,mask\na,a/t2.nii,a/t2_label.nii\nb,b/T2.nii,b/roi.nii\n');
  });

  it('names every problem with its path', () => {
    const r = run([
      'P1/AP.nii.gz', // no mask
      'P2/mask.nii.gz', // no image
      'P3/IM0001', // DICOM files not in a sequence folder
      'P3/IM0002',
      'P4/AP.nii.gz',
      'P4/AP.nrrd',
      'P4/mask.nii',
      'P5/AP.nii',
      'P5/mask.nii',
      'P5/mask.nrrd',
      'P6/AP.nii',
      'P6/PVP.nii',
      'P6/mask.nii',
    ]);
    const errors = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    expect(errors).toEqual(
      expect.arrayContaining([
        'cohort: P1: no mask for P1/AP.nii.gz (expected AP_mask.nii.gz or mask.nii.gz beside it)',
        'cohort: P2: no image (expected <sequence>.nii.gz, .nrrd, ... or a DICOM folder per sequence)',
        'cohort: P3: no image (expected <sequence>.nii.gz, .nrrd, ... or a DICOM folder per sequence); found 2 other file(s) such as P3/IM0001: a DICOM series goes in a subfolder named after its sequence',
        'cohort: P4: sequence "AP" has two images, P4/AP.nii.gz and P4/AP.nrrd',
        'cohort: P5: several masks for every sequence: P5/mask.nii, P5/mask.nrrd',
      ]),
    );
    expect(errors).toHaveLength(5);
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => i.message);
    expect(warnings).toEqual(['cohort: P4: no image for sequence "PVP"', 'cohort: P5: no image for sequence "PVP"', 'cohort: P1: no image for sequence "PVP"'].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  });

  it('an empty folder says so', () => {
    const r = run(['README.txt']);
    expect(r.issues.map((i) => i.message)).toEqual(['cohort: no patient subfolders with images found (expected <patient id>/<sequence>.nii.gz ...)']);
  });
});
