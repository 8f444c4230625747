// The little of fontkit coop calls directly (pdfkit uses the rest).
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): { layout: (...args: unknown[]) => unknown };
}
