/**
 * The command-line tool: the same engine as the app, headless in Node, for batch work.
 * Exit codes: 0 success, 1 unexpected failure, 2 bad input or usage.
 */
import { runExtract } from './extract.js';
import { EVALUATE_HELP, runEvaluate } from './evaluate.js';
import { runSurvival, SURVIVAL_HELP } from './survival.js';
import { runSyntheticCohort, SYNTHETIC_HELP } from './synthetic-cohort.js';
import { runTrain, TRAIN_HELP } from './train.js';
import { UsageError } from './usage.js';

const HELP = `webradiomics: on-device radiomics (IBSI features, GPU via WebGPU)

Usage:
  webradiomics extract --image <file|dicom folder|zip> [--series UID]
                       --mask <file> [--label N | --segment N|LABEL | --roi NAME] [--profile ibsi]
                       [--backend auto|gpu|cpu] --out <file.json|file.csv>

Images: NIfTI (.nii, .nii.gz), NRRD (.nrrd), or a DICOM folder / zip (--series UID when it holds several).
Masks: NIfTI / NRRD label maps (--label), DICOM SEG (--segment), RTSTRUCT (--roi). Without --out, JSON goes to
standard output.

Research workflow (JSON on standard output; see README, "Command line"):
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
      case 'evaluate':
        return await runEvaluate(rest);
      case 'survival':
        return await runSurvival(rest);
      case 'synthetic-cohort':
        return await runSyntheticCohort(rest);
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
