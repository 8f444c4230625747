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
