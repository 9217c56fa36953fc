/**
 * The command-line tool: the same engine as the app, headless in Node, for batch work.
 * Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage.
 */
import { EXTRACT_HELP, runExtract } from './extract.js';
import { EVALUATE_HELP, runEvaluate } from './evaluate.js';
import { EXTRACT_COHORT_HELP, runExtractCohort } from './extract-cohort.js';
import { MERGE_HELP, runMerge } from './merge.js';
import { runScore, SCORE_HELP } from './score.js';
import { runSurvival, SURVIVAL_HELP } from './survival.js';
import { runSyntheticCohort, SYNTHETIC_HELP } from './synthetic-cohort.js';
import { runTrain, TRAIN_HELP } from './train.js';
import { UsageError } from './usage.js';

const HELP = `webradiomics: on-device radiomics (IBSI features, GPU via WebGPU)

Usage:
${EXTRACT_HELP}

Images: NIfTI (.nii, .nii.gz), NRRD (.nrrd), or a DICOM folder / zip (--series UID when it holds several).
Masks: NIfTI / NRRD label maps (--label), DICOM SEG (--segment), RTSTRUCT (--roi). Without --out, JSON goes to
standard output.
Settings: --params takes a PyRadiomics parameter file (.yaml / .yml) or a webradiomics settings file (.json);
without it, --profile ibsi (default: every IBSI family, intensities as grey levels) or pyradiomics (PyRadiomics'
defaults). --label defaults to every non-zero voxel under ibsi and to 1 under pyradiomics.

Clinic workflow: a model file applied to one patient (JSON on standard output; see README, "Clinic workflow"):
${SCORE_HELP}

Research workflow (JSON on standard output; see README, "Command line"):
${EXTRACT_COHORT_HELP}
${MERGE_HELP}
${TRAIN_HELP}
${EVALUATE_HELP}
${SURVIVAL_HELP}
${SYNTHETIC_HELP}
`;

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'extract':
        return await runExtract(rest);
      case 'train':
        return await runTrain(rest);
      case 'score':
        return await runScore(rest);
      case 'evaluate':
        return await runEvaluate(rest);
      case 'survival':
        return await runSurvival(rest);
      case 'synthetic-cohort':
        return await runSyntheticCohort(rest);
      case 'extract-cohort':
        return await runExtractCohort(rest);
      case 'merge':
        return await runMerge(rest);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    const err = e as Error;
    const known = err instanceof UsageError || err.name === 'InputError' || err.name === 'BackendError';
    process.stderr.write(`webradiomics: ${known ? err.message : (err.stack ?? String(err))}\n`);
    if (err instanceof UsageError) process.stderr.write(`Run 'webradiomics --help' for usage.\n`);
    return known ? 2 : 1;
  }
}
