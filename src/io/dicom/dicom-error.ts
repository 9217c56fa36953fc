/** A problem with the user's DICOM input, with the file(s) named in the message. Shown as is. */
export class DicomInputError extends Error {
  override name = 'DicomInputError';
  constructor(
    message: string,
    /** one line per problem, when there are several */
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}
