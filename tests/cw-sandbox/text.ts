// Text handling of string fields.
// The DG says \n and \r are not supported in JSON strings and become spaces. Real notes keep their
// line breaks in the UI, so the sandbox keeps them in note text (multi-line fields) and folds them
// to single spaces only in single-line fields such as ticket `summary`.
export function foldLine(value: string): string {
  return value.replace(/\r\n|\r|\n/g, ' ').trim();
}

/** Upper bound for note text; CW stores notes as nvarchar(max) but rejects absurd payloads. */
export const NOTE_TEXT_MAX = 1_000_000;
