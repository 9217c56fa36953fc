import { describe, expect, it } from 'vitest';
import { isPart10, pickedFiles } from '../../src/pipeline/cohort-files.js';

const file = (path: string) => ({ path, bytes: new Uint8Array([path.length]) });

describe('cohort-files: manifest paths among the picked files', () => {
  const files = [
    file('cohort/P01/study/t2/IM10.dcm'),
    file('cohort/P01/study/t2/IM2.dcm'),
    file('cohort/P01/study/art/IM0.dcm'),
    file('cohort/P01/study/a.dcm'),
    file('cohort/P01/rtstruct.dcm'),
    file('cohort/P01/studyX/IM0.dcm'),
  ];
  const picked = pickedFiles(files);

  it('a folder is every file under it, relative to it, in the order the CLI walks a folder (names per level)', () => {
    expect(picked.folder('P01/study').map((f) => f.path)).toEqual(['a.dcm', 'art/IM0.dcm', 't2/IM10.dcm', 't2/IM2.dcm']);
    expect(picked.folder('cohort/P01/study/').map((f) => f.path)).toEqual(['a.dcm', 'art/IM0.dcm', 't2/IM10.dcm', 't2/IM2.dcm']);
    expect(picked.folder('./P01\\study\\t2').map((f) => f.bytes)).toEqual([files[0].bytes, files[1].bytes]);
  });

  it('a file is not a folder, a prefix of a name is not a folder, and unknown paths do not exist', () => {
    expect(picked.folder('P01/rtstruct.dcm')).toEqual([]);
    expect(picked.folder('P01/stud')).toEqual([]);
    expect(picked.file('P01/rtstruct.dcm')).toBe(files[4]);
    expect(picked.exists('P01/study')).toBe(true);
    expect(picked.exists('P01/rtstruct.dcm')).toBe(true);
    expect(picked.exists('P02/study')).toBe(false);
    expect(picked.exists('')).toBe(false);
  });

  it('recognises a DICOM Part 10 file by "DICM" at byte 128', () => {
    const bytes = new Uint8Array(200);
    expect(isPart10(bytes)).toBe(false);
    bytes.set([0x44, 0x49, 0x43, 0x4d], 128);
    expect(isPart10(bytes)).toBe(true);
    expect(isPart10(bytes.subarray(0, 131))).toBe(false);
  });
});
