/**
 * Logos and images (issue #19, FORMAT.md §5.4): PNG and JPEG inside the project only, their size
 * checked from the header, copied to assets/ next to the HTML, embedded in the PDF as a Figure
 * with its alternative text; a11y/image-alt when the text is missing; a remote image never fetched.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { DocumentBody } from '../src/render/document.js';
import { PART_SIZE } from '../src/render/parts.js';
import { imageInfo } from '../src/source/image.js';
import { markdownImages, markdownImagesOf } from '../src/source/project-images.js';
import { checkProject } from '../src/project.js';
import { descriptionTexts } from '../src/model/event.js';
import { plainScalarOffset } from '../src/source/yaml.js';
import { fixturesRoot, pdfImages, run } from './helpers.js';
import { readStructure, structNodes } from './pdf-read.js';

const repo = path.join(import.meta.dirname, '..');
const hasPdfimages = spawnSync('pdfimages', ['-v']).error === undefined;
// The checks below that read the images back from the PDFs need poppler-utils: without it they
// are left out, and this skipped test says so in the summary.
if (!hasPdfimages) it.skip('pdfimages and pdftotext checks (poppler-utils not installed)', () => {});

/** A PNG header claiming w × h (IHDR only: enough for coop's check, never decoded when refused). */
function pngHeader(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(w, 8);
  ihdr.writeUInt32BE(h, 12);
  ihdr.set([8, 2, 0, 0, 0], 16);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

/** A minimal JPEG header: SOI, an APP0 segment, then a SOF0 of w × h. */
function jpegHeader(w: number, h: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 0x01, 0x01, 0x11, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

function project(logos: string, files: Record<string, Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-logos-'));
  mkdirSync(path.join(dir, 'p', 'logos'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, 'p', name), bytes);
  writeFileSync(
    path.join(dir, 'p', 'event.yaml'),
    `event:\n  title: Rencontre\n  locale: fr\n  logos:\n${logos}\ndays:\n  - date: 2026-03-02\n    sessions:\n      - title: Ouverture\n        start: "09:00"\n        items:\n          - { title: Accueil, duration: 30 }\n`,
  );
  return dir;
}

describe('image headers', () => {
  it('reads PNG and JPEG sizes from their headers; anything else is null', () => {
    expect(imageInfo(pngHeader(240, 80))).toEqual({ type: 'png', width: 240, height: 80 });
    expect(imageInfo(jpegHeader(300, 120))).toEqual({ type: 'jpeg', width: 300, height: 120 });
    expect(imageInfo(Buffer.from('GIF89a……………………………………'))).toBeNull();
    expect(imageInfo(pngHeader(0, 80))).toBeNull();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('event.logos', () => {
  it('an example: a row of three logos, Figures with their Alt in the PDF, copied to assets/ next to the HTML', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'coop-example-logos-'));
    const r = await run([
      'build',
      path.join(repo, 'examples/rencontres-franco-chinoises/event.yaml'),
      '-o',
      out,
      '-q',
      '--only',
      'programme.html,programme.pdf',
    ]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['cuf.png', 'cpaffc.png', 'daect.png']) {
      expect(readFileSync(path.join(out, 'assets', f))).toEqual(readFileSync(path.join(repo, 'examples/rencontres-franco-chinoises/logos', f)));
    }
    const html = readFileSync(path.join(out, 'programme.html'), 'utf8');
    expect(html).toContain('<img src="assets/cuf.png" alt="Cités Unies France"');
    const s = await readStructure(readFileSync(path.join(out, 'programme.pdf')));
    const figures = structNodes(s.pages[0].tree).filter((n) => n.role === 'Figure');
    expect(figures.map((f) => f.alt)).toEqual([
      'Cités Unies France',
      'Association du peuple chinois pour l’amitié avec l’étranger (中国人民对外友好协会)',
      'Délégation pour l’action extérieure des collectivités territoriales',
    ]);
  });

  it('a logo without alt text: a11y/image-alt (warning, with a note), still printed', async () => {
    const dir = project('    - { file: logos/a.png }', { 'logos/a.png': readFileSync(path.join(repo, 'examples/rencontres-franco-chinoises/logos/cuf.png')) });
    const r = await run(['check', 'p/event.yaml', '--format', 'json'], dir);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ rule: string; severity: string; line: number; note?: string }>;
    const alt = diags.filter((d) => d.rule === 'a11y/image-alt');
    expect(alt).toHaveLength(1);
    expect(alt[0].severity).toBe('warning');
    expect(alt[0].line).toBe(5);
    expect(alt[0].note).toMatch(/alt/);
    const b = await run(['build', 'p/event.yaml', '-o', 'out', '-q'], dir);
    expect(b.code).toBe(0);
    expect(existsSync(path.join(dir, 'out', 'assets', 'a.png'))).toBe(true);
    // Without alt text the PDF draws it as an artifact: no Figure without Alt.
    const s = await readStructure(readFileSync(path.join(dir, 'out', 'programme.pdf')));
    expect(structNodes(s.pages[0].tree).filter((n) => n.role === 'Figure')).toHaveLength(0);
  });

  it('refused: a remote image (never fetched), a file outside the project or through a link out of it, not an image, too large', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'coop-outside-'));
    writeFileSync(path.join(outside, 'x.png'), readFileSync(path.join(repo, 'examples/rencontres-franco-chinoises/logos/cuf.png')));
    const dir = project(
      [
        '    - { file: "https://example.org/logo.png", alt: Distant }',
        `    - { file: ../../${path.basename(outside)}/x.png, alt: Dehors }`,
        '    - { file: logos/link.png, alt: Lien }',
        '    - { file: logos/fake.png, alt: Faux }',
        '    - { file: logos/huge.png, alt: Énorme }',
        '    - { file: logos/wide.jpg, alt: Large }',
      ].join('\n'),
      {
        'logos/fake.png': Buffer.from('not an image at all'),
        'logos/huge.png': Buffer.concat([pngHeader(60000, 60000), deflateSync(Buffer.alloc(10))]),
        'logos/wide.jpg': jpegHeader(5000, 10),
      },
    );
    symlinkSync(path.join(outside, 'x.png'), path.join(dir, 'p', 'logos', 'link.png'));
    const r = await run(['check', 'p/event.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ rule: string; line: number; message: string }>;
    const at = (line: number) => diags.filter((d) => d.line === line).map((d) => d.rule);
    expect(at(5)).toEqual(['ref/outside-project']);
    expect(diags.find((d) => d.line === 5)!.message).toMatch(/jamais|never/);
    expect(diags.find((d) => d.line === 5)!.message).toContain('le logo est omis'); // an error: the logo is not drawn, no text stands for it
    expect(at(6)).toEqual(['ref/outside-project']);
    expect(at(7)).toEqual(['ref/outside-project']);
    expect(at(8)).toEqual(['image/unsupported']);
    expect(at(9)).toEqual(['image/unsupported']);
    expect(diags.find((d) => d.line === 9)!.message).toContain('60000 × 60000');
    expect(at(10)).toEqual(['image/unsupported']);
  });
});

/** A project whose description and minutes show Markdown images (FORMAT.md §5.4). */
function markdownProject(description: string, minutesBody: string, files: Record<string, Buffer> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'coop-md-images-'));
  mkdirSync(path.join(dir, 'p', 'images'), { recursive: true });
  mkdirSync(path.join(dir, 'p', 'minutes', 'images'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, 'p', name), bytes);
  writeFileSync(
    path.join(dir, 'p', 'event.yaml'),
    `event:\n  title: Rencontre\n  locale: fr\n  description: |\n${description
      .split('\n')
      .map((l) => `    ${l}`)
      .join(
        '\n',
      )}\ndays:\n  - date: 2026-03-02\n    sessions:\n      - title: Ouverture\n        start: "09:00"\n        items:\n          - { title: Accueil, duration: 30 }\n`,
  );
  writeFileSync(
    path.join(dir, 'p', 'minutes', 'cr.md'),
    `---\nkind: minutes\ntitle: Réunion du bureau\ndate: 2026-03-02\n---\n\n# Ordre du jour\n\n${minutesBody}\n`,
  );
  return dir;
}

describe('Markdown images', () => {
  const cuf = () => readFileSync(path.join(repo, 'examples/rencontres-franco-chinoises/logos/cuf.png'));

  it('in a description and in minutes (test/fixtures/markdown-images): copied to assets/, <img> with its size in the HTML, a Figure with Alt over an image XObject in the PDF, a picture in the docx', async () => {
    const fixture = path.join(fixturesRoot, 'markdown-images');
    const out = mkdtempSync(path.join(tmpdir(), 'coop-md-images-'));
    const b = await run(['build', path.join(fixture, 'event.yaml'), '-o', out, '-q'], out);
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(path.join(out, 'assets', 'plan.png'))).toEqual(readFileSync(path.join(fixture, 'images/plan.png')));
    const html = readFileSync(path.join(out, 'programme.html'), 'utf8');
    expect(html).toMatch(/<img src="assets\/plan\.png" alt="Plan de la salle des fêtes" width="240" height="80"/);
    expect(html).not.toContain('images/plan.png');
    const figures = async (file: string) => {
      const s = await readStructure(readFileSync(path.join(out, file)));
      return s.pages.flatMap((p) =>
        structNodes(p.tree)
          .filter((n) => n.role === 'Figure')
          .map((f) => f.alt),
      );
    };
    expect(await figures('programme.pdf')).toEqual(['Plan de la salle des fêtes']);
    // An image XObject drawn on the page (poppler's list of the page's images).
    if (hasPdfimages) expect(pdfImages(path.join(out, 'programme.pdf'))).toEqual([{ page: 1, num: 0, type: 'image', width: 240, height: 80 }]);
    // The Word file embeds it too, with its alternative text.
    const zip = unzipSync(readFileSync(path.join(out, 'programme.docx')));
    expect(Object.keys(zip).filter((k) => k.startsWith('word/media/'))).toHaveLength(1);
    expect(strFromU8(zip['word/document.xml'])).toContain('descr="Plan de la salle des fêtes"');

    // The minutes: their image relative to the minutes file, named after it in assets/.
    expect(readFileSync(path.join(out, 'assets', 'cr-carte.png'))).toEqual(readFileSync(path.join(fixture, 'minutes/images/carte.png')));
    expect(readFileSync(path.join(out, 'cr.html'), 'utf8')).toMatch(/<img src="assets\/cr-carte\.png" alt="Carte des partenaires du groupe-pays" width="\d+"/);
    expect(await figures('cr.pdf')).toEqual(['Carte des partenaires du groupe-pays']);
    if (hasPdfimages) expect(pdfImages(path.join(out, 'cr.pdf'))).toHaveLength(1);
  });

  it('in the middle of a line of text (test/fixtures/inline-image): inline in the HTML, drawn in the PDF where it comes in the text, a Figure with its Alt inside the paragraph or the table cell', async () => {
    const fixture = path.join(fixturesRoot, 'inline-image');
    const out = mkdtempSync(path.join(tmpdir(), 'coop-inline-image-'));
    const b = await run(['build', path.join(fixture, 'event.yaml'), '-o', out, '-q', '--only', 'programme.html,programme.pdf'], out);
    expect(b.code, b.stderr).toBe(0);
    const html = readFileSync(path.join(out, 'programme.html'), 'utf8');
    expect(html).toMatch(
      /<p>Le plan <img src="assets\/plan\.png" alt="Plan de la salle des fêtes"[^>]*> est affiché à l’accueil, et <em>aussi à l’entrée <img src="assets\/plan\.png" alt="Plan de l’entrée"/,
    );
    const s = await readStructure(readFileSync(path.join(out, 'programme.pdf')));
    const nodes = structNodes(s.pages[0].tree);
    const p = nodes.find((n) => n.role === 'P' && n.children.some((k) => k.role === 'Figure'));
    expect(p).toBeDefined();
    // The paragraph says what the HTML says, in its order: text, image, text, image, text.
    expect(p!.children.map((k) => [k.role, k.alt])).toEqual([
      ['Figure', 'Plan de la salle des fêtes'],
      ['Figure', 'Plan de l’entrée'],
    ]);
    expect(p!.text.replace(/\s+/g, ' ')).toBe('Le planest affiché à l’accueil, et aussi à l’entréedu bâtiment.');
    // In a table cell too: the cell holds its text and the Figure.
    const cell = nodes.find((n) => n.role === 'TD' && n.children.some((k) => k.role === 'Figure'));
    expect(cell?.children.map((k) => [k.role, k.alt])).toEqual([['Figure', 'Plan de la salle B']]);
    expect(cell?.text.trim()).toBe('au fondà gauche');
    const page = s.pages[0].marked.map((m) => m.text).join('|');
    expect(page).toMatch(/Le plan\|\|est affiché à l’accueil, et aussi à l’entrée\|\|du bâtiment\./);
    if (hasPdfimages) {
      expect(pdfImages(path.join(out, 'programme.pdf'))).toEqual([0, 1, 2].map((num) => ({ page: 1, num, type: 'image', width: 240, height: 80 })));
    }
  });

  it('refused where the image is written: outside, a link out, remote (its alt shown instead), not an image, too large', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'coop-outside-'));
    writeFileSync(path.join(outside, 'x.png'), cuf());
    const dir = markdownProject(
      [
        `![Dehors](../../${path.basename(outside)}/x.png)`,
        '',
        '![Lien](images/link.png)',
        '',
        '![Distante](https://example.org/a.png)',
        '',
        '![Faux](images/fake.png)',
        '',
        '![Énorme](images/huge.png)',
      ].join('\n'),
      'Rien.\n\n![Donnée](data:image/png;base64,AAAA)',
      { 'images/fake.png': Buffer.from('not an image at all'), 'images/huge.png': pngHeader(60000, 60000) },
    );
    symlinkSync(path.join(outside, 'x.png'), path.join(dir, 'p', 'images', 'link.png'));
    const r = await run(['check', 'p/event.yaml', 'p/minutes/cr.md', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stdout).diagnostics as Array<{ rule: string; file: string; line: number; column: number; message: string }>;
    const at = (line: number) => diags.filter((d) => d.file.endsWith('event.yaml') && d.line === line).map((d) => d.rule);
    // The description starts on line 5: each image at its own line.
    expect(at(5)).toEqual(['ref/outside-project']);
    expect(at(7)).toEqual(['ref/outside-project']);
    expect(at(9)).toEqual(['image/remote']);
    expect(diags.find((d) => d.line === 9 && d.file.endsWith('event.yaml'))!.message).toMatch(/jamais.*texte de remplacement est montré/);
    expect(at(11)).toEqual(['image/unsupported']);
    expect(at(13)).toEqual(['image/unsupported']);
    const md = diags.filter((d) => d.file.endsWith('cr.md'));
    expect(md.map((d) => [d.rule, d.line, d.column])).toEqual([['image/remote', 11, 1]]);
  });

  it('a remote image is a warning, never fetched: the documents show its alternative text instead', async () => {
    const dir = markdownProject(
      'Voir :\n\n![Carte distante](https://example.org/carte.png)\n\nFin.',
      'Rien.\n\n![Donnée embarquée](data:image/png;base64,AAAA)',
    );
    const fetches: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = ((u: string) => {
      fetches.push(String(u));
      return Promise.reject(new Error('no network'));
    }) as typeof fetch;
    try {
      const b = await run(['build', 'p/event.yaml', '-o', 'out', '-q', '--only', 'programme.html,programme.pdf'], dir);
      expect(b.code, b.stderr).toBe(0);
      const html = readFileSync(path.join(dir, 'out', 'programme.html'), 'utf8');
      expect(html).not.toContain('<img');
      expect(html).toContain('Carte distante');
      expect(existsSync(path.join(dir, 'out', 'assets'))).toBe(false);
      // poppler-utils gives pdfimages and pdftotext.
      if (hasPdfimages) expect(execFileSync('pdftotext', [path.join(dir, 'out', 'programme.pdf'), '-'], { encoding: 'utf8' })).toContain('Carte distante');
      const m = await run(['build', 'p/minutes/cr.md', '-o', 'out-m', '-q', '--only', 'cr.html'], dir);
      expect(m.code, m.stderr).toBe(0);
      expect(readFileSync(path.join(dir, 'out-m', 'cr.html'), 'utf8')).toContain('Donnée embarquée');
    } finally {
      globalThis.fetch = original;
    }
    expect(fetches).toEqual([]);
  });
});

describe('a place inside a plain YAML scalar (a11y/image-alt, image/*: at the image itself; test/fixtures/image-alt)', () => {
  it('maps a line and column of the folded value back to the source', () => {
    const text = 'description: Le plan\n  du site,\n  ci-contre ![](a.png)\n\n  puis ![ ](b.png)\nnext: 1\n';
    const start = text.indexOf('Le plan');
    const end = text.indexOf('\nnext');
    // The value: "Le plan du site, ci-contre ![](a.png)\npuis ![ ](b.png)".
    expect(plainScalarOffset(text, start, end, 1, 1)).toBe(start);
    expect(plainScalarOffset(text, start, end, 1, 9)).toBe(text.indexOf('du site'));
    expect(plainScalarOffset(text, start, end, 1, 28)).toBe(text.indexOf('![](a.png)'));
    expect(plainScalarOffset(text, start, end, 2, 6)).toBe(text.indexOf('![ ](b.png)'));
    expect(plainScalarOffset(text, start, end, 3, 1)).toBeNull();
    expect(plainScalarOffset(text, start, end, 1, 80)).toBeNull();
  });
});

describe('the Markdown images of a model, found once (source/project-images.ts)', () => {
  it('the check stage keeps what it found for a11y/image-alt: the same list for the same model and text, found afresh for another model or an edited text', async () => {
    const file = path.join(fixturesRoot, 'markdown-images', 'event.yaml');
    const checked = await checkProject([{ abs: file, display: 'event.yaml' }], { cwd: path.dirname(file), env: {} });
    const event = checked.events[0].checked.model!;
    const texts = descriptionTexts(event).flatMap(({ md }) => (md && markdownImages(md).length > 0 ? [md] : []));
    expect(texts.length).toBeGreaterThan(0);
    for (const md of texts) {
      const found = markdownImagesOf(event, md);
      expect(found).toEqual(markdownImages(md));
      expect(markdownImagesOf(event, md)).toBe(found);
      expect(markdownImagesOf({}, md)).not.toBe(found);
      expect(markdownImagesOf(event, `${md}\n`)).not.toBe(found);
    }
    // The minutes: their body is a tree, found by the same means.
    const minutes = checked.minutes[0].checked.model!;
    const inBody = markdownImagesOf(minutes, minutes.body);
    expect(inBody.map((i) => i.url)).toEqual(['images/carte.png']);
    expect(markdownImagesOf(minutes, minutes.body)).toBe(inBody);
  });
});

describe('the document stage keeps only assets/ images', () => {
  it('a Markdown image read gets its asset name and size; any other relative image becomes its alt text; a logo asset stays', () => {
    const body = new DocumentBody(
      '<p><img src="images/plan.png" alt="Plan"> <img src="images/absent.png" alt="Absente"> <img src="../x.png"> <img src="assets/cuf.png" alt="CUF"></p>',
      'fr',
    );
    body.images = new Map([['images/plan.png', { name: 'assets/plan.png', width: 1280, height: 640 }]]);
    const html = [...body.parts()].map((p) => unified().use(rehypeStringify).stringify(p)).join('');
    expect(html).toContain('<img src="assets/plan.png" alt="Plan" width="640" height="320">');
    expect(html).toContain('Absente');
    expect(html).not.toContain('absent.png');
    expect(html).not.toContain('x.png');
    expect(html).toContain('<img src="assets/cuf.png" alt="CUF">');
  });

  it('only the parts that show an image are walked, and every way of writing one is found: <IMG>, <img/src=…>, <image> (which HTML parses as an img)', () => {
    const filler = `<section><p>${'Un paragraphe sans image, assez long pour remplir les parties. '.repeat(40)}</p></section>`;
    const first = '<p>a <IMG SRC="images/absent.png" ALT="Grand"> c <img/src="images/plan.png"/alt="P"></p>';
    // Last: an <image> keeps parts.ts from cutting after it (it is no void element there).
    const last = '<p>a <IMG SRC="images/absent.png" ALT="Grand"> b <image src="images/absente.png" alt="Image"> c <img/src="images/plan.png"/alt="P"></p>';
    // Parts of 256 KB: images in the first and in the last, none in those between.
    const html = [first, ...Array<string>(300).fill(filler), last].join('');
    expect(html.length).toBeGreaterThan(2 * PART_SIZE);
    const body = new DocumentBody(html, 'fr');
    body.images = new Map([['images/plan.png', { name: 'assets/plan.png', width: 10, height: 5 }]]);
    const parts = [...body.parts()].map((p) => unified().use(rehypeStringify).stringify(p));
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]).toContain('<p>a Grand c <img src="assets/plan.png" alt="P" width="10" height="5"></p>');
    expect(parts[parts.length - 1]).toContain('<p>a Grand b Image c <img src="assets/plan.png" alt="P" width="10" height="5"></p>');
    expect(parts.join('')).not.toMatch(/images\/|<img src="(?!assets\/plan\.png")/);
  });
});
