#!/usr/bin/env node
// Generates a synthetic event of N items: 4 parallel rooms, sessions of 6 items, a speaker
// pool, 2,000 attendees. Deterministic (a fixed seed): the same N gives the same file.
// Usage: node bench/generate.js N > event.yaml
const N = Number(process.argv[2] ?? 1000);
const ATTENDEES = Number(process.argv[3] ?? 2000);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];

const given = ['Anne', 'Bernard', 'Claire', 'David', 'Élise', 'François', 'Gaëlle', 'Hugo', 'Inès', 'Jean', 'Karim', 'Léa', 'Marc', 'Nadia', 'Olivier', 'Pauline', 'Quentin', 'Rose', 'Samir', 'Thérèse', 'Ulysse', 'Valérie', 'William', 'Yasmine', 'Zoé'];
const family = ['ABADIE', 'BERTRAND', 'CHEVALIER', 'DELACROIX', 'ESTIENNE', 'FOURNIER', 'GIRAUD', 'HAMEL', 'IMBERT', 'JOUBERT', 'KLEIN', 'LAMBERT', 'MOREAU', 'NICOLAS', 'OLLIVIER', 'PERRIN', 'QUINTIN', 'ROUSSEL', 'SIMON', 'TESSIER', 'URBAIN', 'VASSEUR', 'WEBER', 'XAVIER', 'YVON', 'ZELLER'];
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
process.stdout.write(out.join('\n') + '\n');
