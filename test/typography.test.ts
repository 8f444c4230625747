import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDuration, formatShortDate, formatTime, formatTimeRange, frenchSpacing } from '../src/typography/index.js';

const nb = (s: string) => s.replace(/\u00a0/g, '~').replace(/\u202f/g, '^');

describe('French typography', () => {
  it('writes times the French way', () => {
    expect(nb(formatTime(570, 'fr'))).toBe('9~h~30');
    expect(nb(formatTime(840, 'fr'))).toBe('14~h');
    expect(nb(formatTimeRange(580, 590, 'fr'))).toBe('9~h~40~– 9~h~50');
    expect(formatTime(570, 'en')).toBe('9:30');
    expect(nb(formatDuration(90, 'fr'))).toBe('1~h~30');
    expect(nb(formatDuration(10, 'fr'))).toBe('10~min');
  });

  it('writes dates the French way, with 1er', () => {
    expect(nb(formatDate('2012-03-01', 'fr'))).toBe('jeudi 1er~mars~2012');
    expect(nb(formatDate('2015-10-06', 'fr'))).toBe('mardi 6~octobre~2015');
    expect(formatDate('2015-10-06', 'en')).toBe('Tuesday 6 October 2015');
    expect(nb(formatShortDate('2012-03-01', 'fr'))).toBe('jeu. 1er~mars');
    expect(nb(formatDateRange('2012-03-01', '2012-03-02', 'fr'))).toBe('du jeudi 1er au vendredi 2~mars~2012');
    expect(nb(formatDateRange('2012-02-29', '2012-03-01', 'fr'))).toBe('du mercredi 29~février au jeudi 1er~mars~2012');
  });

  it('puts non-breaking spaces before : ; ! ? and inside guillemets', () => {
    expect(nb(frenchSpacing('Pêche : Bretagne'))).toBe('Pêche~: Bretagne');
    expect(nb(frenchSpacing('quelles synergies ?'))).toBe('quelles synergies^?');
    expect(nb(frenchSpacing('Vraiment!'))).toBe('Vraiment^!');
    expect(nb(frenchSpacing('« ici » et «là-bas»'))).toBe('«~ici~» et «~là-bas~»');
    expect(nb(frenchSpacing("l'action"))).toBe('l’action');
  });

  it('keeps digit groups and units together', () => {
    expect(nb(frenchSpacing('un budget de 12 000 € et 15 % de plus'))).toBe('un budget de 12^000~€ et 15~% de plus');
  });

  it('leaves times, URLs and query strings alone', () => {
    expect(frenchSpacing('à 9:30 voir https://example.org/a?b=c')).toBe('à 9:30 voir https://example.org/a?b=c');
  });
});
