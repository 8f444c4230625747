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
    // Print (issue #14): punctuation that follows the locale, lists of names, agreement.
    colon: ' :',
    semicolon: ' ;',
    and: 'et',
    organisersLead: 'Organisation :',
    supportLead: 'Avec le soutien de :',
    participantOne: 'participant',
    actionsSummary: 'Récapitulatif des suites à donner',
    decisionsSummary: 'Récapitulatif des décisions',
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
    // Minutes, relevés de décisions, procès-verbaux (#16)
    pv: 'Procès-verbal',
    draftPv: 'Projet de procès-verbal',
    resolutions: 'Résolutions',
    represented: 'Représentés',
    members: 'Membres',
    presentOrRepresented: 'présents ou représentés',
    outOf: 'sur',
    presentLower: 'présents',
    representedLower: 'représentés',
    quorum: 'quorum',
    quorumIs: ' ; quorum :',
    quorumReached: 'atteint',
    quorumMissed: 'non atteint',
    attendanceSheet: 'Feuille de présence des membres',
    proxiesHeld: 'Pouvoirs détenus',
    certified: 'Certifié exact',
    at: 'à',
    history: 'Historique',
    closedActions: 'Actions closes',
    carriedSince: 'reportée depuis le',
    openedOn: 'ouverte le',
    carriedOn: 'reportée le',
    closedOn: 'faite le',
    reopenedOn: 'rouverte le',
    noOpenAction: 'Aucune action en cours.',

    // coop diff -o: the change notice (modifications.html / .pdf)
    changeNotice: 'Programme modifié au',
    changesHeading: 'Les modifications',
    changedSessions: 'Les séances modifiées',
    noChange: 'Aucune modification.',
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
    // Print (issue #14): punctuation that follows the locale, lists of names, agreement.
    colon: ':',
    semicolon: ';',
    and: 'and',
    organisersLead: 'Organised by',
    supportLead: 'With the support of',
    participantOne: 'participant',
    actionsSummary: 'Summary of actions',
    decisionsSummary: 'Summary of decisions',
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
    // Minutes, records of decisions, procès-verbaux (#16)
    pv: 'Minutes of the general meeting',
    draftPv: 'Draft minutes of the general meeting',
    resolutions: 'Resolutions',
    represented: 'Represented',
    members: 'Members',
    presentOrRepresented: 'present or represented',
    outOf: 'out of',
    presentLower: 'present',
    representedLower: 'represented',
    quorum: 'quorum',
    quorumIs: '; quorum:',
    quorumReached: 'reached',
    quorumMissed: 'not reached',
    attendanceSheet: 'Attendance of members',
    proxiesHeld: 'Proxies held',
    certified: 'Certified true',
    at: 'at',
    history: 'History',
    closedActions: 'Closed actions',
    carriedSince: 'carried over since',
    openedOn: 'opened',
    carriedOn: 'carried over',
    closedOn: 'done',
    reopenedOn: 'reopened',
    noOpenAction: 'No open action.',

    // coop diff -o: the change notice (modifications.html / .pdf)
    changeNotice: 'Programme changed as of',
    changesHeading: 'What changed',
    changedSessions: 'The sessions that changed',
    noChange: 'No change.',
  },
} as const;

export type LabelKey = keyof (typeof labels)['fr'];

/** Moved to i18n.ts: the checks word their messages with it too. */
export { statusLabel } from '../i18n.js';

export function representativeLabel(locale: 'fr' | 'en'): string {
  return locale === 'en' ? 'or a representative' : 'ou son représentant';
}

// ---------------------------------------------------------------------------------------
// Programmes as secretariats write them (FORMAT.md §5.1): more labels, agreement of
// "représenté par", and a second label language (`event.labels_also`).

export const moreLabels = {
  fr: {
    roomToConfirm: 'salle à préciser',
    workshop: 'Atelier',
    roundtable: 'Table ronde',
    languages: 'Langues',
    interpretation: 'avec interprétation',
    toReplace: 'à remplacer',
    parallel: 'En parallèle',
  },
  en: {
    roomToConfirm: 'room to be confirmed',
    workshop: 'Workshop',
    roundtable: 'Round table',
    languages: 'Languages',
    interpretation: 'with interpretation',
    toReplace: 'to replace',
    parallel: 'In parallel',
  },
} as const;

export type MoreLabelKey = keyof (typeof moreLabels)['fr'];
export type AnyLabelKey = LabelKey | MoreLabelKey;
/** A language coop prints labels in: the event's `locale`, or its `labels_also`. */
export type LabelLocale = 'fr' | 'en' | 'zh';

/**
 * Simplified Chinese labels, printed after the event's own ("Animation / 主持") when the event
 * says `labels_also: zh`. Only stand-alone labels (headings, "Label : value") are here: words
 * inside a sentence ("80 personnes", "(pressentie)") stay in the event's language alone.
 * To add a language: give it a table like this one (the keys of `labels.fr` and
 * `moreLabels.fr` it can translate), add its code to `LabelLocale` and to `LabelLocale` in
 * src/model/schema.ts, and its counting phrases to `parallelPhrase`.
 */
export const zhLabels: Partial<Record<AnyLabelKey, string>> = {
  programme: '会议日程',
  draft: '草案',
  draftNotice: '工作文件，请勿分发',
  organisedBy: '主办单位',
  support: '支持单位',
  audience: '对象',
  capacity: '规模',
  stakes: '背景',
  questions: '议题',
  chair: '主持',
  rapporteur: '报告人',
  room: '会议室',
  venue: '地点',
  participantsList: '参会人员名单',
  signInSheet: '签到表',
  speakersList: '发言人名单',
  noAttendees: '无注册参会者',
  no: '序号',
  family: '姓',
  given: '名',
  fullName: '姓名',
  civility: '称谓',
  role: '职务',
  org: '单位',
  email: '电子邮件',
  phone: '电话',
  speaker: '发言人',
  slots: '发言安排',
  status: '状态',
  signHere: '签名',
  walkIns: '未注册参会者',
  roomToConfirm: '会议室待定',
  workshop: '工作坊',
  roundtable: '圆桌会议',
  languages: '语言',
  interpretation: '提供口译',
  parallel: '平行会议',
};

const tables: Record<LabelLocale, Partial<Record<AnyLabelKey, string>>> = {
  fr: { ...labels.fr, ...moreLabels.fr },
  en: { ...labels.en, ...moreLabels.en },
  zh: zhLabels,
};

export function isLabelKey(key: string): key is AnyLabelKey {
  return Object.hasOwn(tables.fr, key);
}

/**
 * A printed label in the event's language, followed by the second language's when there is
 * one and it has that label: "Animation / 主持".
 */
export function label(key: AnyLabelKey, locale: 'fr' | 'en', also: LabelLocale | null = null): string {
  const main = tables[locale][key] ?? tables.fr[key] ?? key;
  const second = also && also !== locale ? tables[also][key] : undefined;
  return second ? `${main} / ${second}` : main;
}

/** A label in one language, undefined when that language has none for it. */
export function labelIn(key: AnyLabelKey, lang: LabelLocale): string | undefined {
  return tables[lang][key];
}

/** "représenté par" agreed with the person represented (an organisation takes the masculine). */
export function representedLabel(civility: 'M.' | 'Mme' | null, isOrg: boolean, locale: 'fr' | 'en'): string {
  if (locale === 'en') return 'represented by';
  return civility === 'Mme' ? 'représentée par' : civility === null && !isOrg ? 'représenté·e par' : 'représenté par';
}

/** "4 ateliers en parallèle" / "4 parallel workshops" / "4个平行工作坊". */
export function parallelPhrase(n: number, kind: 'workshop' | 'roundtable' | 'session', locale: LabelLocale): string {
  if (locale === 'zh') return `${n}个平行${{ workshop: '工作坊', roundtable: '圆桌会议', session: '分会' }[kind]}`;
  if (locale === 'en') return `${n} parallel ${{ workshop: 'workshops', roundtable: 'round tables', session: 'sessions' }[kind]}`;
  return `${n} ${{ workshop: 'ateliers', roundtable: 'tables rondes', session: 'séances' }[kind]} en parallèle`;
}
