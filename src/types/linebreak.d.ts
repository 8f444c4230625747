// The little of linebreak (UAX #14, the line breaker pdfkit depends on) coop calls.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next place a line may break (before `position`, a UTF-16 offset), or null at the end. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
