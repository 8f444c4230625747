/**
 * Resolving references (person, organisation and room ids) against the `people`,
 * `organisations` and `rooms` of an event, with one wording for every `ref/unknown`.
 * Used by the event file and by minutes linked to an event.
 */
import { tx, type Text } from '../i18n.js';
import type { Path, YamlSource } from '../source/yaml.js';
import { formatMessage, stageMessage, type Messages, type Problem } from '../diagnostics/types.js';
import { closest } from '../util/suggest.js';
import type { OrgModel, PersonModel } from './event.js';
import type { InlinePersonData, PersonRefData } from './schema.js';
import { describePath } from './zod-issues.js';

const SLUG = /^[a-z0-9][a-z0-9_.-]*$/;

/** The messages of `ref/unknown` for an id of the event file ({what}: « Personne inconnue » / "person"). */
export const refMessages = {
  unknown: tx('{what} « {id} » ({where}) : aucun identifiant de ce nom dans `{section}`.', 'Unknown {what} "{id}" in {where}: no such id in `{section}`.'),
  unknownGuess: tx(
    '{what} « {id} » ({where}) : aucun identifiant de ce nom dans `{section}` ; vouliez-vous dire « {guess} » ?',
    'Unknown {what} "{id}" in {where}: no such id in `{section}`; did you mean "{guess}"?',
  ),
  defineIt: tx('Ajoutez « {id} » sous `{section}`, ou écrivez {thing} en ligne.', 'Add "{id}" under `{section}`, or write the {thing} inline.'),
} satisfies Messages;

const whatNames = {
  person: ['personne', 'person', 'inconnue', 'la'],
  organisation: ['organisme', 'organisation', 'inconnu', 'le'],
  room: ['salle', 'room', 'inconnue', 'la'],
} as const;

export class Refs {
  readonly organisations = new Map<string, OrgModel>();
  readonly people = new Map<string, PersonModel>();

  /**
   * `where`: where an unknown id can be defined, for the note of `ref/unknown` (minutes say
   * "under `people:` in the front matter", an event file "under `people`").
   */
  constructor(
    private readonly source: YamlSource,
    private readonly problems: Problem[],
    private readonly where?: (section: string, id: string, what: keyof typeof whatNames) => Text,
  ) {}

  /** Report a reference that names nothing, with a "did you mean" from the known ids. */
  unknown(path: Path, what: keyof typeof whatNames, id: string, known: Iterable<string>, section: string, note?: Problem['note']): void {
    const guess = closest(id, [...known]);
    const where = describePath(path);
    const [wf, we, unknownFr, article] = whatNames[what];
    const unknown = tx(`${wf.charAt(0).toUpperCase() + wf.slice(1)} ${unknownFr}`, we);
    this.problems.push({
      rule: 'ref/unknown',
      ...(guess
        ? stageMessage('ref/unknown', refMessages, 'unknownGuess', { what: unknown, id, where, section, guess })
        : stageMessage('ref/unknown', refMessages, 'unknown', { what: unknown, id, where, section })),
      place: this.source.placeOf(path),
      note:
        note ??
        (guess
          ? undefined
          : (this.where?.(section, id, what) ??
            formatMessage('ref/unknown', refMessages, { messageId: 'defineIt', data: { id, section, thing: tx(`${article} ${wf}`, we) } }))),
    });
  }

  /** An organisation id, or a plain name ("Grand Lyon"); a lowercase slug that names nothing is a typo. */
  org(value: string, path: Path): OrgModel {
    const known = this.organisations.get(value);
    if (known) return known;
    if (SLUG.test(value)) this.unknown(path, 'organisation', value, this.organisations.keys(), 'organisations');
    return { id: null, name: value, short: null, path };
  }

  inline(p: InlinePersonData, path: Path, id: string | null = null): PersonModel {
    return {
      id,
      name: p.name,
      civility: p.civility ?? null,
      role: p.role ?? null,
      org: p.org === undefined ? null : this.org(p.org, [...path, 'org']),
      email: p.email ?? null,
      phone: p.phone ?? null,
      path,
    };
  }

  person(ref: PersonRefData, path: Path): PersonModel | null {
    if (typeof ref !== 'string') return this.inline(ref, path);
    const p = this.people.get(ref);
    if (!p) this.unknown(path, 'person', ref, this.people.keys(), 'people');
    return p ?? null;
  }

  /** One reference or a list of them. */
  persons(refs: PersonRefData | PersonRefData[] | undefined, path: Path): PersonModel[] {
    if (refs === undefined) return [];
    const list = Array.isArray(refs) ? refs : [refs];
    const out: PersonModel[] = [];
    list.forEach((r, i) => {
      const p = this.person(r, Array.isArray(refs) ? [...path, i] : path);
      if (p) out.push(p);
    });
    return out;
  }
}
