import { describe, expect, it } from 'vitest';
import { formatHHMM, isRealDate, parseDuration, parseTime } from '../src/model/time.js';
import { loadEventText } from '../src/load.js';
import { checkLoaded } from '../src/project.js';

describe('times', () => {
  it.each([
    ['09:30', 570],
    ['9:30', 570],
    ['9h30', 570],
    ['9h', 540],
    ['09 h 30', 570],
    ['14H30', 870],
    ['9\u00a0h\u00a030', 570],
    ['0h00', 0],
    ['24:00', 1440],
  ])('%s is %i minutes', (input, minutes) => {
    expect(parseTime(input)).toBe(minutes);
  });

  it.each(['25h70', '9.30', '9', '9:', '930', 'midi', '', '24:30', '12:60', '9h300'])('rejects %s', (input) => {
    expect(parseTime(input)).toBeUndefined();
  });

  it('rejects numbers (a YAML 1.1 reader would have turned 9:30 into 570)', () => {
    expect(parseTime(570)).toBeUndefined();
  });

  it('round-trips through HH:MM', () => {
    for (let m = 0; m < 24 * 60; m += 7) expect(parseTime(formatHHMM(m))).toBe(m);
  });
});

describe('durations', () => {
  it.each([
    ['10min', 10],
    ['10 min', 10],
    ['10 minutes', 10],
    ['90m', 90],
    ['1h', 60],
    ['1h30', 90],
    ['1 h 30', 90],
    ['2h00', 120],
    ['45', 45],
    [45, 45],
  ] as const)('%s is %i minutes', (input, minutes) => {
    expect(parseDuration(input)).toBe(minutes);
  });

  it.each(['0', 0, -10, '-10min', '1h75', 'longtemps', 1.5, ''])('rejects %s', (input) => {
    expect(parseDuration(input)).toBeUndefined();
  });
});

describe('dates', () => {
  it('knows leap years and month lengths', () => {
    expect(isRealDate('2012-02-29')).toBe(true);
    expect(isRealDate('2011-02-29')).toBe(false);
    expect(isRealDate('2012-02-30')).toBe(false);
    expect(isRealDate('2012-04-31')).toBe(false);
    expect(isRealDate('2012-13-01')).toBe(false);
    expect(isRealDate('1/3/2012')).toBe(false);
  });
});

describe('YAML 1.2 core', () => {
  const doc = (directive: string) =>
    `${directive}event: { title: T }\ndays:\n  - date: 2012-03-01\n    sessions:\n      - { title: S, start: 9:30, end: 10:00 }\n`;
  it('keeps an unquoted 9:30 a time', () => {
    const loaded = checkLoaded(loadEventText(doc(''), 'e.yaml'));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.model?.days[0].sessions[0].start).toBe(570);
  });
  it('ignores a %YAML 1.1 directive that would read 9:30 as the number 570', () => {
    const loaded = checkLoaded(loadEventText(doc('%YAML 1.1\n---\n'), 'e.yaml'));
    expect(loaded.model?.days[0].sessions[0].start).toBe(570);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
