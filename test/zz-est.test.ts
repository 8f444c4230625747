import { it } from 'vitest';
import path from 'node:path';
import { checkProject } from '../src/check.js';
import { estimate, placeDay, GRID_PAPERS } from '../src/render/grid.js';
it('x', async () => {
  const f = path.resolve(process.env.EV!);
  const c = await checkProject([{ abs: f, display: f }], { cwd: '/' });
  const m = c.events[0].checked.model!;
  for (const d of m.days) {
    const { segments } = placeDay(d);
    console.log(d.date, 'all', estimate(segments, m, GRID_PAPERS.a4));
    for (const s of segments) console.log(s.start, s.end, s.sessions.length, estimate([s], m, GRID_PAPERS.a4));
  }
});
