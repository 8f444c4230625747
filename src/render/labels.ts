/** Printed labels, by locale. Templates reach them through the `t` helper. */
export const labels = {
  fr: {
    programme: 'Programme',
    draft: 'PROJET',
    draftNotice: 'Document de travail — ne pas diffuser',
    organisedBy: 'Organisé par',
    support: 'Avec le soutien de',
    audience: 'Public',
    capacity: 'Format',
    persons: 'personnes',
    stakes: 'Enjeu',
    questions: 'Problématique',
    chair: 'Animation',
    rapporteur: 'Rapporteur',
    perSpeaker: 'par intervenant',
    room: 'Salle',
    page: 'page',
    of: '/',
    venue: 'Lieu',
    minutes: 'Compte rendu',
    decisionsDoc: 'Relevé de décisions',
    synthesis: 'Synthèse',
    draftMinutes: 'Projet de compte rendu',
    approvedOn: 'Approuvé le',
    present: 'Présents',
    excused: 'Excusés',
    absent: 'Absents',
    presidency: 'Présidence',
    secretary: 'Secrétariat de séance',
    attachments: 'Documents joints',
    distribution: 'Diffusion',
    nextMeeting: 'Prochaine réunion',
    decisions: 'Relevé de décisions',
    actions: 'Suites à donner',
    action: 'Action',
    owner: 'Responsable',
    due: 'Échéance',
    state: 'État',
    done: 'Fait',
    todo: 'À faire',
    overdue: 'En retard',
    annex: 'Annexe — liste des participants',
    name: 'Nom',
    role: 'Fonction',
    org: 'Organisme',
    attendance: 'Présence',
    decisionN: 'Décision n°',
    minutesOf: 'Réunion du',
    openActions: 'Actions en cours',
    meeting: 'Réunion',
    participantsList: 'Liste des participants',
    signInSheet: 'Feuille d’émargement',
    speakersList: 'Liste des intervenants',
    participantsCount: 'participants',
    noAttendees: 'Aucun participant inscrit.',
    no: 'N°',
    family: 'NOM',
    given: 'Prénom',
    fullName: 'Nom',
    civility: 'Civilité',
    email: 'Courriel',
    phone: 'Téléphone',
    speaker: 'Intervenant',
    speakers: 'intervenants',
    speakerOne: 'intervenant',
    slots: 'Interventions',
    status: 'Statut',
    confirmed: 'confirmé',
    toChase: 'à confirmer',
    signHere: 'Signature',
    walkIns: 'Participants non inscrits',
    // Print (issue #14): punctuation that follows the locale, lists of names, agreement.
    colon: ' :',
    semicolon: ' ;',
    and: 'et',
    organisersLead: 'Organisation :',
    supportLead: 'Avec le soutien de :',
    participantOne: 'participant',
    actionsSummary: 'Récapitulatif des suites à donner',
    decisionsSummary: 'Récapitulatif des décisions',
  },
  en: {
    programme: 'Programme',
    draft: 'DRAFT',
    draftNotice: 'Working document — do not circulate',
    organisedBy: 'Organised by',
    support: 'With the support of',
    audience: 'Audience',
    capacity: 'Format',
    persons: 'persons',
    stakes: 'Purpose',
    questions: 'Questions',
    chair: 'Chair',
    rapporteur: 'Rapporteur',
    perSpeaker: 'per speaker',
    room: 'Room',
    page: 'page',
    of: '/',
    venue: 'Venue',
    minutes: 'Minutes',
    decisionsDoc: 'Record of decisions',
    synthesis: 'Synthesis',
    draftMinutes: 'Draft minutes',
    approvedOn: 'Approved on',
    present: 'Present',
    excused: 'Apologies',
    absent: 'Absent',
    presidency: 'Chair',
    secretary: 'Minutes taken by',
    attachments: 'Attachments',
    distribution: 'Distribution',
    nextMeeting: 'Next meeting',
    decisions: 'Decisions',
    actions: 'Actions',
    action: 'Action',
    owner: 'Owner',
    due: 'Due',
    state: 'Status',
    done: 'Done',
    todo: 'Open',
    overdue: 'Overdue',
    annex: 'Annex — list of participants',
    name: 'Name',
    role: 'Role',
    org: 'Organisation',
    attendance: 'Attendance',
    decisionN: 'Decision',
    minutesOf: 'Meeting of',
    openActions: 'Open actions',
    meeting: 'Meeting',
    participantsList: 'List of participants',
    signInSheet: 'Sign-in sheet',
    speakersList: 'List of speakers',
    participantsCount: 'participants',
    noAttendees: 'No registered participant.',
    no: 'No.',
    family: 'SURNAME',
    given: 'Given name',
    fullName: 'Name',
    civility: 'Title',
    email: 'E-mail',
    phone: 'Phone',
    speaker: 'Speaker',
    speakers: 'speakers',
    speakerOne: 'speaker',
    slots: 'Slots',
    status: 'Status',
    confirmed: 'confirmed',
    toChase: 'to be confirmed',
    signHere: 'Signature',
    walkIns: 'Walk-ins',
    // Print (issue #14): punctuation that follows the locale, lists of names, agreement.
    colon: ':',
    semicolon: ';',
    and: 'and',
    organisersLead: 'Organised by',
    supportLead: 'With the support of',
    participantOne: 'participant',
    actionsSummary: 'Summary of actions',
    decisionsSummary: 'Summary of decisions',
  },
} as const;

export type LabelKey = keyof (typeof labels)['fr'];

export function statusLabel(
  status: string,
  civility: 'M.' | 'Mme' | null,
  isOrg: boolean,
  locale: 'fr' | 'en',
): string | null {
  if (locale === 'en') {
    return { tentative: 'approached', unconfirmed: 'to be confirmed', declined: 'declined', confirmed: null }[status] ?? null;
  }
  const fem = civility === 'Mme';
  const unknown = civility === null && !isOrg;
  switch (status) {
    case 'tentative':
      return fem ? 'pressentie' : unknown ? 'pressenti·e' : 'pressenti';
    case 'unconfirmed':
      return 'sous réserve';
    case 'declined':
      return fem ? 'excusée' : unknown ? 'excusé·e' : 'excusé';
    default:
      return null;
  }
}

export function representativeLabel(locale: 'fr' | 'en'): string {
  return locale === 'en' ? 'or a representative' : 'ou son représentant';
}

/** "A", "A et B", "A, B et C" (en: "A, B and C"). */
export function listOf(items: readonly string[], locale: 'fr' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${labels[locale].and} ${items[items.length - 1]}`;
}

/**
 * "Rapporteur" agreed with the people it names: "Rapporteure" for Mme, "Rapporteur·e" when
 * the civility is unknown, plural for several (French); "Rapporteur(s)" in English.
 */
export function rapporteurLabel(people: ReadonlyArray<{ civility: string | null }>, locale: 'fr' | 'en'): string {
  const several = people.length > 1;
  if (locale === 'en') return several ? 'Rapporteurs' : 'Rapporteur';
  const fem = people.length > 0 && people.every((p) => p.civility === 'Mme');
  const masc = people.some((p) => p.civility === 'M.');
  const word = fem ? 'Rapporteure' : masc || several ? 'Rapporteur' : 'Rapporteur·e';
  return several ? `${word}s` : word;
}
