import { readFileSync } from 'node:fs';

/**
 * DejaVu Sans has every Kazakh and Kyrgyz letter (ә ғ қ ң ө ұ ү һ і); PDF's built-in Helvetica has
 * no Cyrillic at all. Read once: a letter embeds a subset of each face it uses.
 */
let cached: { regular: Buffer; bold: Buffer } | undefined;

export function letterFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return cached;
}
