import { tx } from '../../i18n.js';
import type { PersonModel } from '../../model/event.js';
import type { Rule } from '../types.js';

// One @, no space, a dot in the domain: what a mail client accepts, not RFC 5322 in full.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

/** An e-mail address that cannot be right ("Anne.Lyonnet@saint-etienne fr"): found before the invitations bounce. */
export const invalidEmail: Rule = {
  id: 'people/invalid-email',
  severity: 'warning',
  description: 'An e-mail address that is not well formed (a space, no @, no domain).',
  messages: {
    malformed: tx(
      'Adresse électronique mal formée pour {name} : « {email} » ; une adresse comme prenom.nom@exemple.fr est attendue.',
      'The e-mail address of {name}, "{email}", is malformed: expected an address such as first.last@example.org.',
    ),
  },
  run({ model, report }) {
    const seen = new Set<PersonModel>();
    const all = [...model.people.values(), ...model.attendees];
    for (const p of all) {
      if (seen.has(p) || p.email === null) continue;
      seen.add(p);
      if (EMAIL.test(p.email.trim())) continue;
      report({
        messageId: 'malformed',
        data: { name: p.name, email: p.email },
        at: p.place ?? (p.id !== null ? [...p.path, 'email'] : [...p.path, 'email']),
      });
    }
  },
};
