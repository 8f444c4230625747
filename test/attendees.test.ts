import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAttendeesCsv } from '../src/attendees/csv.js';
import { halfDays } from '../src/attendees/halfdays.js';
import { compareNames, familySortKey, formatFamilyName, isCaps, isCapsByRule, splitName } from '../src/attendees/sort.js';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/csv/${name}.csv`, import.meta.url));
const read = (name: string) => readAttendeesCsv(fixture(name), `/abs/${name}.csv`, `fixtures/csv/${name}.csv`);
const lines = (r: ReturnType<typeof read>) => r.problems.map((p) => p.place.line);

describe('attendee CSV', () => {
  it('reads a French Excel export: BOM, ";", CRLF, French headers, quoted cells', () => {
    const bytes = fixture('fr-excel');
    // Guard the fixture itself: a checkout that normalised line ends would test nothing.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes).includes('\r\n')).toBe(true);
    const { people, problems } = read('fr-excel');
    expect(problems).toEqual([]);
    expect(people.map((p) => p.name)).toEqual(['Pierre de SAINTIGNON', 'Juliette CANTAU', 'Nathalie COL', 'Jean-Paul BACHY', "Jean d'ALEMBERT"]);
    expect(people[0]).toEqual({
      name: 'Pierre de SAINTIGNON',
      given: 'Pierre',
      family: 'de Saintignon',
      civility: 'M.',
      role: 'Vice-président',
      org: 'Conseil régional Nord-Pas-de-Calais',
      email: 'p.desaintignon@example.org',
      phone: '03 28 82 82 82',
      line: 2,
    });
    // Quoted cells keep their separators and doubled quotes; a line break inside a cell is a space.
    expect(people[1]).toMatchObject({ civility: 'Mme', role: 'Chef de projet ; coopération', org: 'Grand Lyon, la Métropole', phone: null });
    expect(people[2]).toMatchObject({ role: 'Chargée de coopération Asie du Sud-Est', org: 'Région "Auvergne-Rhône-Alpes"', email: null });
    // Line numbers count the blank line and the line break inside the quoted cell; the
    // all-empty ";;;;;;" row is skipped without a word.
    expect(people.map((p) => p.line)).toEqual([2, 3, 5, 7, 9]);
    expect(people[3].civility).toBe('M.'); // "Monsieur"
    expect(people[4].civility).toBeNull(); // "Dr" is no civility coop knows
  });

  it('reads English headers, "," separator, a full-name column as written, and ignores unknown columns', () => {
    const { people, problems } = read('en-comma');
    expect(problems).toEqual([]);
    expect(people).toEqual([
      {
        name: 'Michel DELEBARRE',
        given: null,
        family: null,
        civility: null,
        role: 'President, Cités Unies France',
        org: 'CUF',
        email: 'm.delebarre@example.org',
        phone: null,
        line: 2,
      },
      { name: 'Pascal ALLIZARD', given: null, family: null, civility: null, role: 'Senator', org: 'Sénat', email: null, phone: '+33 1 42 34 20 00', line: 3 },
      // A quote inside an unquoted cell is kept, not refused.
      { name: 'Jean "Jo" DUPONT', given: null, family: null, civility: null, role: null, org: null, email: null, phone: null, line: 4 },
    ]);
  });

  it('reads tab-separated files with "First name" / "Last name"', () => {
    const { people, problems } = read('en-tab');
    expect(problems).toEqual([]);
    expect(people).toMatchObject([{ name: 'Anne van der BERG', given: 'Anne', family: 'van der Berg', org: 'VNG International' }]);
  });

  it('matches headers whatever their case, accents and spacing', () => {
    const csv = ' PRENOM ; nom ;  Qualité;COLLECTIVITÉ;mail;Tél.;CIVILITE\nMarie;Martin;Maire;Ville de Lille;mm@example.org;01 02;mme\n';
    const { people, problems } = readAttendeesCsv(new TextEncoder().encode(csv), 'a.csv', 'a.csv');
    expect(problems).toEqual([]);
    expect(people).toEqual([
      {
        name: 'Marie MARTIN',
        given: 'Marie',
        family: 'Martin',
        civility: 'Mme',
        role: 'Maire',
        org: 'Ville de Lille',
        email: 'mm@example.org',
        phone: '01 02',
        line: 2,
      },
    ]);
  });

  it('skips blank lines, before the header too, and counts them', () => {
    const { people, problems } = read('blank-lines');
    expect(problems).toEqual([]);
    expect(people.map((p) => [p.name, p.line])).toEqual([
      ['Jean DUPONT', 5],
      ['Marie MARTIN', 8],
    ]);
  });

  it('reads a Latin-1 (Windows-1252) file with its accents, and says which encoding it used', () => {
    const { people, problems } = read('latin1');
    expect(people.map((p) => [p.name, p.org])).toEqual([['Hélène DUPONT', 'Médiathèque']]);
    expect(problems).toHaveLength(1);
    expect([problems[0].rule, problems[0].messageId]).toEqual(['attendees/encoding', 'readAs']);
    expect(problems[0].message.fr).toMatch(/Windows-1252/);
    expect(problems[0].place).toEqual({ file: 'fixtures/csv/latin1.csv', line: 1, column: 1, endLine: 1, endColumn: 1 });
  });

  it('reads a UTF-16 file with a byte order mark, and says so', () => {
    const { people, problems } = read('utf16');
    expect(problems.map((p) => [p.rule, p.messageId])).toEqual([['attendees/encoding', 'readAs']]);
    expect(problems[0].message.en).toMatch(/UTF-16/);
    expect(people.length).toBeGreaterThan(0);
  });

  it('reports rows with the wrong number of cells with their line, and keeps the others', () => {
    const r = read('wrong-cell-count');
    expect(r.people.map((p) => p.name)).toEqual(['Jean DUPONT', 'Paul DURAND', 'Zoé PETIT']);
    expect(r.problems.map((p) => [p.rule, p.messageId])).toEqual([
      ['schema/invalid', 'rowCells'],
      ['schema/invalid', 'rowCells'],
    ]);
    expect(lines(r)).toEqual([3, 5]);
    expect(r.problems[0].place).toEqual({ file: 'fixtures/csv/wrong-cell-count.csv', line: 3, column: 1, endLine: 3, endColumn: 1 });
    expect(r.problems[0].message.fr).toContain('2 cellules');
    expect(r.problems[0].message.fr).toContain('en a 3');
    expect(r.problems[0].message.en).toContain('has 2 cells but the header (line 1) has 3');
    expect(r.problems[1].message.en).toContain('has 4 cells');
    expect(r.problems[1].note?.en).toMatch(/quotes/);
    // Too few cells: how many separators are missing, in each language's grammar.
    expect(r.problems[0].note).toEqual({
      fr: 'Il manque 1 séparateur « ; » : une cellule vide s’écrit aussi (par exemple « DUPONT;Jean;;CUF »).',
      en: '1 separator is missing (";"): an empty cell is written too (e.g. "DUPONT;Jean;;CUF").',
    });
  });

  it('reports a row without a name and skips it', () => {
    const r = read('empty-name');
    expect(r.people.map((p) => p.name)).toEqual(['Michel DELEBARRE', 'Pascal ALLIZARD']);
    expect(lines(r)).toEqual([3, 4]);
    expect([r.problems[0].rule, r.problems[0].messageId]).toEqual(['schema/invalid', 'rowWithoutName']);
    expect(r.problems[0].message.fr).toContain('« name »');
    expect(r.problems[0].message.en).toContain('"name"');
  });

  it('reports a header without a name column, naming what it found and what it expects', () => {
    const r = read('no-name-column');
    expect(r.people).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect([r.problems[0].rule, r.problems[0].messageId]).toEqual(['schema/invalid', 'noNameColumn']);
    expect(r.problems[0].place.line).toBe(1);
    expect(r.problems[0].note?.en).toMatch(/^The first line of the file must be the header/);
    expect(r.problems[0].message.fr).toContain('« Fonction », « Organisme », « Courriel »');
    expect(r.problems[0].message.fr).toContain('« Nom »');
    expect(r.problems[0].message.en).toContain('"Fonction", "Organisme", "Courriel"');
  });

  it('reports an empty file', () => {
    const r = read('empty');
    expect(r.people).toEqual([]);
    expect(r.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['schema/invalid', 'csvEmpty', 1]]);
  });

  it('reports a quote never closed on the line it opens, keeping the rows before', () => {
    const r = read('unclosed-quote');
    expect(r.people.map((p) => p.name)).toEqual(['DUPONT']);
    expect(r.problems.map((p) => [p.rule, p.messageId, p.place.line])).toEqual([['schema/invalid', 'quoteNotClosed', 3]]);
    expect(r.problems[0].note?.fr).toBe('Dans une cellule entre guillemets, un guillemet s’écrit doublé ("") ; vérifiez la fin de la cellule.');
  });

  it('counts lines through CRLF blank lines and quoted line breaks', () => {
    const csv = 'Nom;Prénom;Fonction\r\n\r\n\r\nDUPONT;Jean;"Maire\r\nadjoint\r\n"\r\n   \r\nMARTIN;Marie\r\nDURAND;Paul;"a ""b"" c"\r\n';
    const { people, problems } = readAttendeesCsv(new TextEncoder().encode(csv), 'a.csv', 'a.csv');
    expect(people.map((p) => [p.name, p.role, p.line])).toEqual([
      ['Jean DUPONT', 'Maire adjoint', 4],
      ['Paul DURAND', 'a "b" c', 9],
    ]);
    expect(problems.map((p) => p.place.line)).toEqual([8]);
  });

  it('does not split a one-column file on commas', () => {
    const { people, problems } = readAttendeesCsv(new TextEncoder().encode('Nom\n"DUPONT, Jean"\nMARTIN, Marie\n'), 'a.csv', 'a.csv');
    expect(problems).toEqual([]);
    expect(people.map((p) => p.name)).toEqual(['DUPONT, Jean', 'MARTIN, Marie']);
  });

  it('every message is bilingual', () => {
    for (const name of ['wrong-cell-count', 'empty-name', 'no-name-column', 'empty', 'unclosed-quote', 'latin1']) {
      for (const p of read(name).problems) {
        expect(p.message.fr).not.toBe('');
        expect(p.message.en).not.toBe('');
        expect(p.message.fr).not.toBe(p.message.en);
      }
    }
  });
});

describe('French name order', () => {
  it("finds words in capitals a character at a time as the rule does (every BMP character, the seeds' and examples' words)", () => {
    const words = new Set<string>();
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const w of [ch, `${ch}${ch}`, `A${ch}`, `${ch}B`, `AB${ch}`, `a${ch}B`, `D'${ch}A`, `É${ch}`]) words.add(w);
    }
    // The examples' texts, and the seeds when they sit beside the checkout (or the worktrees).
    const root = path.join(import.meta.dirname, '..');
    const texts: string[] = [];
    for (const dir of readdirSync(path.join(root, 'examples'))) {
      for (const f of readdirSync(path.join(root, 'examples', dir)))
        if (/\.(yaml|md|csv)$/.test(f)) texts.push(readFileSync(path.join(root, 'examples', dir, f), 'utf8'));
    }
    const seeds = [path.join(root, '..', 'shared', 'seeds'), path.join(root, '..', '..', 'shared', 'seeds')].find((d) => existsSync(d));
    for (const f of seeds ? readdirSync(seeds) : []) texts.push(readFileSync(path.join(seeds!, f), 'utf8'));
    for (const t of texts) for (const w of t.split(/\s+/u)) words.add(w);
    const differ = [...words].filter((w) => isCaps(w) !== isCapsByRule(w));
    expect(differ).toEqual([]);
    expect([isCaps('DUPONT'), isCaps("D'ALEMBERT"), isCaps('ÉLODIE'), isCaps('Dupont'), isCaps('A'), isCaps('A-B')]).toEqual([
      true,
      true,
      true,
      false,
      false,
      true,
    ]);
  });

  it('splits names into given name, particle and family name', () => {
    expect(splitName('Pierre de SAINTIGNON')).toEqual({ given: 'Pierre', particle: 'de', family: 'SAINTIGNON' });
    expect(splitName('Jean-Paul BACHY')).toEqual({ given: 'Jean-Paul', particle: '', family: 'BACHY' });
    expect(splitName('DUPONT Jean')).toEqual({ given: 'Jean', particle: '', family: 'DUPONT' });
    expect(splitName('Jean de LA FONTAINE')).toEqual({ given: 'Jean', particle: 'de', family: 'LA FONTAINE' });
    expect(splitName("Jean d'ALEMBERT")).toEqual({ given: 'Jean', particle: "d'", family: 'ALEMBERT' });
    expect(splitName('Pierre DE SAINTIGNON')).toEqual({ given: 'Pierre', particle: 'DE', family: 'SAINTIGNON' });
    expect(splitName('Anne-Marie DUPONT-MORETTI')).toEqual({ given: 'Anne-Marie', particle: '', family: 'DUPONT-MORETTI' });
    // No word in capitals: the last word, with its particles.
    expect(splitName('Pierre de Saintignon')).toEqual({ given: 'Pierre', particle: 'de', family: 'Saintignon' });
    expect(splitName('Jean de La Fontaine')).toEqual({ given: 'Jean', particle: 'de', family: 'La Fontaine' });
    expect(splitName('Juliette Cantau')).toEqual({ given: 'Juliette', particle: '', family: 'Cantau' });
    // All in capitals: capitals tell nothing, so the last word again.
    expect(splitName('JEAN DUPONT')).toEqual({ given: 'JEAN', particle: '', family: 'DUPONT' });
    expect(splitName('DUPONT')).toEqual({ given: '', particle: '', family: 'DUPONT' });
    expect(splitName('  ')).toEqual({ given: '', particle: '', family: '' });
  });

  it('formats family names in capitals with lowercase particles', () => {
    expect(formatFamilyName('de Saintignon')).toBe('de SAINTIGNON');
    expect(formatFamilyName('De Saintignon')).toBe('de SAINTIGNON');
    expect(formatFamilyName("d'Alembert")).toBe("d'ALEMBERT");
    expect(formatFamilyName('van der Berg')).toBe('van der BERG');
    expect(formatFamilyName('Dupont-Moretti')).toBe('DUPONT-MORETTI');
    expect(formatFamilyName('la Fontaine')).toBe('la FONTAINE');
    expect(formatFamilyName('La Fontaine')).toBe('LA FONTAINE');
    expect(formatFamilyName('de')).toBe('DE');
  });

  it('builds sort keys from the family name, particles left out', () => {
    expect(familySortKey('Pierre de SAINTIGNON')).toBe('SAINTIGNON\tPierre');
    expect(familySortKey('Jean-Paul BACHY')).toBe('BACHY\tJean-Paul');
    expect(familySortKey('DUPONT Jean')).toBe('DUPONT\tJean');
  });

  it('files a name with a particle under the family name (de SAINTIGNON under S)', () => {
    const names = ['Pierre de SAINTIGNON', 'Alain ROUSSEAU', 'Jacques TALBOT', 'Marie DURAND'];
    expect([...names].sort(compareNames)).toEqual(['Marie DURAND', 'Alain ROUSSEAU', 'Pierre de SAINTIGNON', 'Jacques TALBOT']);
  });

  it('sorts accented capitals with their base letter (ÉTIENNE between DUPONT and FABRE)', () => {
    const names = ['Luc FABRE', 'Marc ÉTIENNE', 'Jean DUPONT', 'Paul ZOLA', 'Anne ŒUVRARD', 'Rémi OBERT', 'Yves OFFENBACH'];
    expect([...names].sort(compareNames)).toEqual([
      'Jean DUPONT',
      'Marc ÉTIENNE',
      'Luc FABRE',
      'Rémi OBERT',
      'Anne ŒUVRARD', // Œ = OE: after OB, before OF
      'Yves OFFENBACH',
      'Paul ZOLA',
    ]);
  });

  it('ignores case, and orders by given name within a family name', () => {
    const names = ['Zoé dupont', 'Jean DUPONT', 'Émile Dupont', 'Anne DURAND'];
    expect([...names].sort(compareNames)).toEqual(['Émile Dupont', 'Jean DUPONT', 'Zoé dupont', 'Anne DURAND']);
  });

  it('sorts compound names by the whole family name, a shorter one first', () => {
    const names = ['Éric DUPONTEL', 'Éric DUPONT-MORETTI', 'Jean DUPONT', 'Jean-Paul BACHY', 'Jean-Marc BACHY', 'Zoé LA', 'Jean de LA FONTAINE'];
    expect([...names].sort(compareNames)).toEqual([
      'Jean-Marc BACHY',
      'Jean-Paul BACHY',
      'Jean DUPONT',
      'Éric DUPONT-MORETTI',
      'Éric DUPONTEL',
      'Zoé LA',
      'Jean de LA FONTAINE',
    ]);
  });

  it('is a total order: equal names at base strength still sort the same way every time', () => {
    const a = ['Eric MARTIN', 'Éric MARTIN', 'éric martin'];
    const b = [...a].reverse();
    expect([...a].sort(compareNames)).toEqual([...b].sort(compareNames));
    expect(compareNames('Jean DUPONT', 'Jean DUPONT')).toBe(0);
  });
});

describe('half-days', () => {
  const T = (h: number, m = 0) => h * 60 + m;

  it('derives morning, afternoon, both across lunch, and both for an untimed day', () => {
    const result = halfDays(
      [
        { date: '2012-03-01', sessions: [{ start: T(9, 30), end: T(12, 30) }] },
        { date: '2012-03-02', sessions: [{ start: T(14), end: T(17, 30) }] },
        { date: '2012-03-03', sessions: [{ start: T(11), end: T(14) }] },
        { date: '2012-03-04', sessions: [{ start: null, end: null }] },
        { date: '2012-03-05', sessions: [] },
      ],
      'fr',
    );
    expect(result.map((h) => `${h.date} ${h.part}`)).toEqual([
      '2012-03-01 morning',
      '2012-03-02 afternoon',
      '2012-03-03 morning',
      '2012-03-03 afternoon',
      '2012-03-04 morning',
      '2012-03-04 afternoon',
      '2012-03-05 morning',
      '2012-03-05 afternoon',
    ]);
  });

  it('puts 13:00 on the afternoon side, and ignores untimed sessions on a timed day', () => {
    const result = halfDays(
      [
        {
          date: '2012-03-01',
          sessions: [
            { start: T(12), end: T(13) },
            { start: null, end: null },
          ],
        },
        { date: '2012-03-02', sessions: [{ start: T(13), end: T(15) }] },
        { date: '2012-03-03', sessions: [{ start: T(10), end: null }] },
      ],
      'en',
    );
    expect(result.map((h) => `${h.date} ${h.part}`)).toEqual(['2012-03-01 morning', '2012-03-02 afternoon', '2012-03-03 morning']);
  });

  it('orders by date, morning first, and merges repeated dates', () => {
    const result = halfDays(
      [
        { date: '2012-03-02', sessions: [{ start: T(15), end: T(16) }] },
        { date: '2012-03-01', sessions: [{ start: T(14), end: T(16) }] },
        { date: '2012-03-02', sessions: [{ start: T(9), end: T(10) }] },
      ],
      'en',
    );
    expect(result.map((h) => `${h.date} ${h.part}`)).toEqual(['2012-03-01 afternoon', '2012-03-02 morning', '2012-03-02 afternoon']);
  });

  it('labels half-days in French and English', () => {
    const days = [{ date: '2012-03-01', sessions: [{ start: T(9), end: T(17) }] }];
    expect(halfDays(days, 'fr').map((h) => h.label)).toEqual(['jeu. 1er\u00a0mars matin', 'jeu. 1er\u00a0mars après-midi']);
    expect(halfDays(days, 'en').map((h) => h.label)).toEqual(['Thu 1 Mar morning', 'Thu 1 Mar afternoon']);
    expect(halfDays([{ date: '2012-03-02', sessions: [] }], 'fr')[0]).toEqual({ date: '2012-03-02', part: 'morning', label: 'ven. 2\u00a0mars matin' });
  });
});
