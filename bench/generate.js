#!/usr/bin/env node
// Generates a synthetic event of N items: 4 parallel rooms, sessions of 6 items, a speaker
// pool, 2,000 attendees, and a minutes file of matching size (N / 10 agenda points, each
// with prose, a decision and an action) linked from the event. Deterministic (a fixed seed).
// Usage: node bench/generate.js N DIR   writes DIR/event.yaml and DIR/minutes/compte-rendu.md
//        node bench/generate.js N       prints the event alone (no minutes) on stdout
// BENCH_ATTENDEES changes the number of attendees (default 2,000).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const N = Number(process.argv[2] ?? 1000);
const DIR = process.argv[3] ?? null;
const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 2000);

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (list) => list[Math.floor(rand() * list.length)];

const given = [
  'Anne',
  'Bernard',
  'Claire',
  'David',
  'Élise',
  'François',
  'Gaëlle',
  'Hugo',
  'Inès',
  'Jean',
  'Karim',
  'Léa',
  'Marc',
  'Nadia',
  'Olivier',
  'Pauline',
  'Quentin',
  'Rose',
  'Samir',
  'Thérèse',
  'Ulysse',
  'Valérie',
  'William',
  'Yasmine',
  'Zoé',
];
const family = [
  'ABADIE',
  'BERTRAND',
  'CHEVALIER',
  'DELACROIX',
  'ESTIENNE',
  'FOURNIER',
  'GIRAUD',
  'HAMEL',
  'IMBERT',
  'JOUBERT',
  'KLEIN',
  'LAMBERT',
  'MOREAU',
  'NICOLAS',
  'OLLIVIER',
  'PERRIN',
  'QUINTIN',
  'ROUSSEL',
  'SIMON',
  'TESSIER',
  'URBAIN',
  'VASSEUR',
  'WEBER',
  'XAVIER',
  'YVON',
  'ZELLER',
];
// Unique names, pairwise at least two edits apart (so the benchmark event is not full of
// near-duplicate warnings): the number is spelled with syllables that differ in both letters.
const syllables = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu'];
const name = (i) => {
  const g = given[i % given.length];
  let n = Math.floor(i / given.length);
  let word = '';
  for (let d = 0; d < 3; d++, n = Math.floor(n / 10)) word += syllables[n % 10];
  return `${g} ${family[i % family.length]}-${word.toUpperCase()}`;
};
const q = (s) => JSON.stringify(s);

const rooms = 4;
const perSession = 6;
const sessionsPerDay = 4; // per room
const pool = Math.max(40, Math.ceil(N / 4));
const out = [];
out.push('event:');
out.push(`  title: ${q(`Congrès de synthèse (${N} interventions)`)}`);
out.push('  kind: conference');
out.push('  organisers: [cuf]');
out.push(`  capacity: ${ATTENDEES + 100}`);
out.push('  locale: fr');
out.push('organisations:');
out.push('  cuf: { name: Cités Unies France, short: CUF }');
out.push('rooms:');
for (let r = 0; r < rooms; r++) out.push(`  r${r}: { name: ${q(`Salle ${r + 1}`)}, capacity: ${ATTENDEES + 200} }`);
out.push('people:');
for (let i = 0; i < pool; i++) out.push(`  p${i}: { name: ${q(name(i))}, role: ${q(pick(['Maire', 'Chargée de mission', 'Directeur', 'Élue']))}, org: cuf }`);
out.push('attendees:');
for (let i = 0; i < ATTENDEES; i++) out.push(`  - { name: ${q(name(pool + i))}, org: ${q(pick(['Ville de Lyon', 'Région Bretagne', 'CUF']))} }`);
out.push('days:');
let item = 0;
let day = 0;
const start = new Date(Date.UTC(2026, 2, 2));
while (item < N) {
  const date = new Date(start.getTime() + day * 86400000).toISOString().slice(0, 10);
  out.push(`  - date: ${date}`);
  out.push('    sessions:');
  for (let s = 0; s < sessionsPerDay && item < N; s++) {
    const h = 9 + s * 2;
    for (let r = 0; r < rooms && item < N; r++) {
      out.push(`      - title: ${q(`Atelier ${day + 1}.${s + 1}.${r + 1}`)}`);
      out.push(`        kind: workshop`);
      out.push(`        room: r${r}`);
      out.push(`        start: "${h}h"`);
      out.push(`        slot: 15min`);
      out.push('        items:');
      for (let k = 0; k < perSession && item < N; k++, item++) {
        // Concurrent items (same s, k across rooms) get distinct speakers: no double booking.
        const sp = (item * 7) % pool;
        out.push(`          - title: ${q(`Intervention ${item + 1} : ${pick(['pêche', 'eau', 'déchets', 'tourisme', 'énergie'])} et coopération`)}`);
        out.push(`            speakers: [p${sp}${k % 3 === 0 ? `, { person: p${(sp + 1) % pool}, status: tentative }` : ''}]`);
        if (k % 3 === 0) out.push('            duration: 30min');
      }
    }
  }
  day++;
}
if (!DIR) {
  process.stdout.write(out.join('\n') + '\n');
} else {
  out.push('minutes: [minutes/*.md]');
  mkdirSync(path.join(DIR, 'minutes'), { recursive: true });
  writeFileSync(path.join(DIR, 'event.yaml'), out.join('\n') + '\n');
  writeFileSync(path.join(DIR, 'minutes', 'compte-rendu.md'), minutes());
}

/** The compte rendu of a preparatory meeting, N / 10 agenda points long. */
function minutes() {
  const points = Math.max(3, Math.ceil(N / 10));
  const present = Array.from({ length: Math.min(pool, 40) }, (_, i) => `  - p${i}`);
  const md = [
    '---',
    'kind: minutes',
    `title: ${q(`Comité de préparation du congrès (${N} interventions)`)}`,
    'event: ../event.yaml',
    'date: 2026-02-10',
    'time: "14:00-17:30"',
    'place: "Cités Unies France, Paris"',
    'chair: p0',
    'secretary: p1',
    'present:',
    ...present,
    'distribution: [present]',
    '---',
    '',
  ];
  for (let i = 0; i < points; i++) {
    const theme = pick(['pêche', 'eau', 'déchets', 'tourisme', 'énergie']);
    md.push(`## ${i + 1}. Atelier ${theme} n° ${i + 1}`, '');
    md.push(
      `Les participants examinent le programme de l'atelier consacré à la coopération (${theme}) : intervenants pressentis, ` +
        `durée des interventions et articulation avec les sessions plénières. La ville partenaire confirme sa participation ; ` +
        `le budget prévisionnel de ${1000 + i * 10} € est présenté.`,
      '',
    );
    md.push(`**Décision :** le programme de l'atelier ${i + 1} est validé sous réserve de la confirmation des intervenants.`, '');
    md.push(
      `- [${i % 4 === 0 ? 'x' : ' '}] Relancer les intervenants de l'atelier ${i + 1} @p${i % pool} due:2026-02-${String(11 + (i % 17)).padStart(2, '0')}`,
      '',
    );
  }
  return md.join('\n');
}
