// A Homepage configuration the import cannot read at all (malformed YAML, a top level that is not
// a list, an alias bomb, too large). Carries the line and column in the text as the user wrote it;
// the edges turn it into a 400-style "Nothing was imported: …".

export class ImportSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
    readonly column: number | null,
  ) {
    super(message);
    this.name = "ImportSyntaxError";
  }
}
