/**
 * Images of a project (event logos): PNG or JPEG only, recognised by their signature and their
 * size read from the header (PNG's IHDR, JPEG's first start-of-frame marker) before anything is
 * decoded, so that a 60,000 × 60,000 pixel "logo" (a decompression bomb) is refused unread.
 */

/** The largest image coop embeds: 4,000 pixels a side and 5 MB (docs/ACCESSIBILITY.md). */
export const IMAGE_LIMITS = { side: 4000, bytes: 5 * 1024 * 1024 } as const;

export interface ImageInfo {
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The type and size of a PNG or JPEG file from its header; null for anything else or a damaged header. */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  if (b.length >= 24 && PNG.every((v, i) => b[i] === v)) {
    // The first chunk is IHDR: width and height, big-endian, at 16 and 20.
    if (String.fromCharCode(b[12], b[13], b[14], b[15]) !== 'IHDR') return null;
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const width = dv.getUint32(16);
    const height = dv.getUint32(20);
    return width > 0 && height > 0 ? { type: 'png', width, height } : null;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the segments to the first SOFn (C0–CF but C4 DHT, C8 JPG, CC DAC).
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      if (marker === 0xff) {
        i++;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      const len = (b[i + 2] << 8) | b[i + 3];
      if (len < 2) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const height = (b[i + 5] << 8) | b[i + 6];
        const width = (b[i + 7] << 8) | b[i + 8];
        return width > 0 && height > 0 ? { type: 'jpeg', width, height } : null;
      }
      if (marker === 0xd9 || marker === 0xda) return null; // end of image, or scan data before any frame
      i += 2 + len;
    }
  }
  return null;
}
