// Pathological inputs of the "linear on any input" target (issue #21): each is what a hurried
// secretariat or a hostile bundle can write under coop's limits (docs/SECURITY.md), about half a
// megabyte to a megabyte, built whole (`coop build FILE`, every document, one thread). The bench
// compares each one's seconds per megabyte with those of the generated 10,000-item congress:
// none may take more than 10 times as long per megabyte.
// Used by bench/run.js; alone: `node bench/hostile.js [DIR]` writes them and prints the list.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONT = (title) => `---\nkind: minutes\ntitle: "${title}"\ndate: 2026-02-10\ntime: "14:00-17:30"\nplace: Paris\n---\n\n`;
const sentence = 'La commission examine le budget prévisionnel et la convention de partenariat avec la ville partenaire.';

/** The inputs: label, the file to build (relative to its folder) and the files to write. */
function inputs() {
  const list = [];
  const add = (label, name, text, extra = {}) => list.push({ label, file: name, files: { [name]: text, ...extra } });

  // Ten thousand short lists between paragraphs (micromark moved every event at each list's end).
  add(
    'minutes: 10,000 lists',
    'listes.md',
    FRONT('Listes') + Array.from({ length: 10_000 }, (_, i) => `Point ${i} : ${sentence}\n\n- [ ] action ${i}\n- relevé ${i}\n`).join('\n'),
  );
  // Twenty thousand headings, each with a line of prose.
  add(
    'minutes: 20,000 headings',
    'titres.md',
    FRONT('Titres') + Array.from({ length: 20_000 }, (_, i) => `## ${i + 1}. Point ${i + 1}\n\n${sentence}\n`).join('\n'),
  );
  // One table at the cell limit (20,000 `|` in a file): 2,000 rows of nine cells.
  const row = (i) => `| ${i} | ${Array.from({ length: 8 }, (_, c) => `cellule ${c} de la ligne ${i} avec du texte`).join(' | ')} |`;
  add(
    'minutes: a table of 1,990 rows',
    'tableau.md',
    FRONT('Tableau') + `${row('n°').replace(/ligne n°/g, 'en-tête')}\n|${' --- |'.repeat(9)}\n${Array.from({ length: 1_988 }, (_, i) => row(i)).join('\n')}\n`,
  );
  // Block quotes nested to the limit (32), five thousand times.
  add(
    'minutes: 5,000 quotes nested 30 deep',
    'citations.md',
    FRONT('Citations') + Array.from({ length: 5_000 }, (_, i) => `${'> '.repeat(30)}citation ${i}\n`).join('\n'),
  );
  // Emphasis markers at the limits: 900 in a paragraph, 99,000 in the file.
  add(
    'minutes: 99,000 emphasis markers',
    'emphase.md',
    FRONT('Emphase') + Array.from({ length: 110 }, () => Array.from({ length: 450 }, (_, i) => `*m${i}*`).join(' ')).join('\n\n') + '\n',
  );
  // One paragraph of 150,000 words.
  add(
    'minutes: one paragraph of 150,000 words',
    'paragraphe.md',
    FRONT('Paragraphe') + Array.from({ length: 150_000 }, (_, i) => `mot${i % 97}`).join(' ') + '\n',
  );
  // An event whose description is one word of 500,000 characters, cut over as many lines as it needs.
  add(
    'event: a word of 500,000 characters',
    'event.yaml',
    `event:\n  title: Essai\n  description: "${'x'.repeat(500_000)}"\ndays:\n  - date: 2016-05-19\n    sessions:\n      - { title: Atelier, start: "14h", end: "17h" }\n`,
  );
  return list;
}

/** Write every input under `dir` (one folder each); returns { label, dir, file, bytes }. */
export function writeHostileInputs(dir) {
  return inputs().map((input, i) => {
    const folder = path.join(dir, `hostile-${i}`);
    mkdirSync(folder, { recursive: true });
    let bytes = 0;
    for (const [name, text] of Object.entries(input.files)) {
      writeFileSync(path.join(folder, name), text);
      bytes += Buffer.byteLength(text);
    }
    return { label: input.label, dir: folder, file: input.file, bytes };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'hostile-inputs';
  for (const h of writeHostileInputs(dir)) console.log(`${(h.bytes / 1e6).toFixed(2)} MB  ${path.join(h.dir, h.file)}  ${h.label}`);
}
