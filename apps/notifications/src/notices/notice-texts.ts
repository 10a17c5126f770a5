import { Facts, NoticeKind } from './notice-rules';

/**
 * The words of every notice, in English and French: what happened (title and body) and what the
 * person must do (action). Shown in the console's inbox and sent by e-mail, in the person's language.
 */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface NoticeText {
  title: string;
  body: string;
  /** What the person must do, when they must do something. */
  action?: string;
}

/** The language of a BCP 47 tag (fr-CA: fr); anything else reads English. */
export const languageOf = (tag: string | null | undefined): Language => (tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en');

type Words = (f: Facts, date: (iso: string | string[] | undefined) => string) => NoticeText;
const s = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join('; ') : (v ?? ''));
const because = (reason: string | string[] | undefined, label: string) => (s(reason) ? ` ${label ? `${label} ` : ''}${s(reason)}` : '');

/** Conduct compliance's reasons in each language, by rule (its `reasons`); a rule not known here keeps the English words it came with. */
const REASON_WORDS: Record<Language, Record<string, (f: Facts, date: (iso: string | string[] | undefined) => string) => string>> = {
  en: {
    'no-accepted-code': () => 'no accepted Code of Conduct',
    'low-coverage': (f) => `insider-threat training covers ${f.coverage}% of sensitive positions (below ${f.threshold}%)`,
    'overdue-declaration': (f, d) => `the periodic declaration was due on ${d(f.declarationDue)}`,
    'critical-incident': (f) => `critical incident without accepted measures: ${f.incident}`,
  },
  fr: {
    'no-accepted-code': () => "aucun code de conduite n'est accepté",
    'low-coverage': (f) => `la formation aux menaces internes couvre ${frenchNumber(f.coverage)}\u00a0% des postes sensibles (moins de ${frenchNumber(f.threshold)}\u00a0%)`,
    'overdue-declaration': (f, d) => `la déclaration périodique était due le ${d(f.declarationDue)}`,
    'critical-incident': (f) => `incident critique sans mesures acceptées : ${f.incident}`,
  },
};
const frenchNumber = (v: string | string[] | undefined) => new Intl.NumberFormat('fr-FR').format(Number(s(v)));

/** The reasons a notice names (the English words of a notice of before, without rules), in one language, as one list. */
function reasonsIn(language: Language, rules: string | string[] | undefined, english: string | string[] | undefined, f: Facts, d: (iso: string | string[] | undefined) => string): string {
  const words = Array.isArray(english) ? english : english ? [english] : [];
  const said = !Array.isArray(rules) || rules.length !== words.length ? words : rules.map((rule, i) => REASON_WORDS[language][rule]?.(f, d) ?? words[i]);
  return said.join(language === 'fr' ? ' ; ' : '; ');
}

/** The grounds of a proposed suspension: the critical incident, in the reader's words when the event named it. */
const groundsIn = (language: Language, f: Facts, d: (iso: string | string[] | undefined) => string) =>
  f.incident ? REASON_WORDS[language]['critical-incident'](f, d) : f.grounds;

const STAGES: Record<Language, Record<string, string>> = {
  en: { submitted: 'submitted', returned: 'returned', accepted: 'accepted', hearing: 'in hearing', rejected: 'rejected', granted: 'granted', appealed: 'under appeal', withdrawn: 'withdrawn', under_review: 'under review' },
  fr: { submitted: 'déposée', returned: 'renvoyée', accepted: 'acceptée', hearing: 'en audition', rejected: 'rejetée', granted: 'accordée', appealed: 'en recours', withdrawn: 'retirée', under_review: "en cours d'examen" },
};
const DEADLINES: Record<Language, Record<string, string>> = {
  en: { completeness: 'completeness check', decision: 'decision', hearing: 'answer to the hearing', appeal: 'appeal', cure: 'cure of the grounds of suspension', validity: 'end of validity' },
  fr: { completeness: 'contrôle de complétude', decision: 'décision', hearing: "réponse à l'audition", appeal: 'recours', cure: 'correction des motifs de suspension', validity: 'fin de validité' },
};

const TEXTS: Record<Language, Record<NoticeKind, Words>> = {
  en: {
    application_received: (f) => ({ title: `Application received: ${f.legalName}`, body: `Your application for AEO-${f.aeoType} status was received. Customs first checks that it is complete.`, action: 'Nothing to do now: you will be told if anything is missing.' }),
    application_returned: (f) => ({ title: `Application returned: ${f.legalName}`, body: `Your application for AEO-${f.aeoType} status is not complete.${because(f.reason, 'Reason:')}`, action: 'Complete what is missing and submit the application again.' }),
    application_accepted: (f, d) => ({ title: `Application accepted: ${f.legalName}`, body: `Your application for AEO-${f.aeoType} status is complete and accepted for examination.${f.decisionDue ? ` The decision is due by ${d(f.decisionDue)}.` : ''}` }),
    information_requested: (f) => ({ title: `Information requested: ${f.legalName}`, body: `Customs asks for more information on your application.${because(f.reason, 'Asked:')}`, action: 'Answer the request in the console; the decision clock waits for your answer.' }),
    visit_planned: (f) => ({ title: `Validation visit planned: ${f.legalName}`, body: `Customs plans a validation visit of your premises.${because(f.reason, 'Details:')}`, action: 'Make sure the people and documents the visit needs are available.' }),
    hearing_opened: (f) => ({ title: `You have the right to be heard: ${f.legalName}`, body: `Customs intends to reject your application.${because(f.reason, 'Grounds:')}`, action: 'Give your point of view in the console before the date below; customs decides after it.' }),
    application_rejected: (f) => ({ title: `Application rejected: ${f.legalName}`, body: `Your application for AEO-${f.aeoType} status was rejected.${because(f.reason, 'Grounds:')}`, action: 'You may appeal in the console until the date below.' }),
    appeal_decided: (f) => ({ title: `Appeal decided: ${f.legalName}`, body: f.action === 'uphold_appeal' ? 'Your appeal was upheld: your application is examined again.' : `Your appeal was dismissed.${because(f.reason, 'Grounds:')}` }),
    decision_extended: (f, d) => ({ title: `Decision deadline extended: ${f.legalName}`, body: `Customs extended the time to decide on your application${f.decisionDue ? ` to ${d(f.decisionDue)}` : ''}.${because(f.reason, 'Reason:')}` }),
    deadline_approaching: (f, d) => ({ title: `Deadline approaching: ${DEADLINES.en[s(f.deadline)] ?? f.deadline} (${f.legalName})`, body: `The ${DEADLINES.en[s(f.deadline)] ?? f.deadline} is due by ${d(f.dueDate)}.`, action: f.deadline === 'validity' ? 'Apply for renewal in good time.' : f.side === 'trader' ? 'Act in the console before the date.' : 'Take the case up before the date.' }),
    deadline_missed: (f, d) => ({ title: `Deadline missed: ${DEADLINES.en[s(f.deadline)] ?? f.deadline} (${f.legalName})`, body: `The ${DEADLINES.en[s(f.deadline)] ?? f.deadline} was due by ${d(f.dueDate)}.`, action: 'Take the case up now.' }),
    authorisation_granted: (f, d) => ({ title: `AEO status granted: ${f.legalName}`, body: `${f.legalName} is an Authorised Economic Operator (AEO-${f.aeoType}), certificate ${f.certificateNumber}, valid until ${d(f.validTo)}.`, action: 'Download the certificate from the console.' }),
    authorisation_suspended: (f) => ({ title: `AEO status suspended: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is suspended; partners no longer recognise it.${because(f.reason, 'Grounds:')}`, action: 'Cure the grounds before the date customs set; you may be heard in the console.' }),
    authorisation_reinstated: (f) => ({ title: `AEO status reinstated: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is in force again.` }),
    authorisation_revoked: (f) => ({ title: `AEO status revoked: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is revoked.${because(f.reason, 'Grounds:')}` }),
    authorisation_withdrawn: (f) => ({ title: `AEO status withdrawn: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is withdrawn.${because(f.reason, 'Reason:')}` }),
    authorisation_expired: (f, d) => ({ title: `AEO status expired: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} ended on ${d(f.validTo)}.`, action: 'Apply again in the console to be an AEO again.' }),
    authorisation_type_changed: (f) => ({ title: `AEO type changed: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is now AEO-${f.aeoType}${f.previousType ? ` (was AEO-${f.previousType})` : ''}.`, action: 'Download the new certificate from the console.' }),
    authorisation_renewed: (f, d) => ({ title: `AEO status renewed: ${f.legalName}`, body: `Authorisation ${f.certificateNumber} is valid until ${d(f.validTo)}.`, action: 'Download the new certificate from the console.' }),
    compliance_blocking: (f, d) => ({ title: `A grant is blocked: ${f.legalName}`, body: `AEO status cannot be granted while:${because(reasonsIn('en', f.blockedBy, f.reasons, f, d), '')}`, action: 'Mend this in the console (code of conduct, training, declarations).' }),
    compliance_warning: (f, d) => ({ title: `Compliance warning: ${f.legalName}`, body: `Customs sees:${because(reasonsIn('en', f.warnedBy, f.warnings, f, d), '')}`, action: 'Mend this in the console before it blocks your status.' }),
    compliance_restored: (f) => ({ title: `Compliance in order: ${f.legalName}`, body: 'Your code of conduct, training and declarations are in order.' }),
    application_to_check: (f) => ({ title: `New application to check: ${f.legalName}`, body: `${f.legalName} applied for AEO-${f.aeoType} status.`, action: 'Assign it to an officer for the completeness check.' }),
    application_assigned: (f, d) => ({ title: `Application assigned to you: ${f.legalName}`, body: `You were assigned the application of ${f.legalName} for AEO-${f.aeoType} status (${STAGES.en[s(f.stage)] ?? f.stage}).${f.decisionDue ? ` Decision due by ${d(f.decisionDue)}.` : ''}`, action: 'Take the case up in the console.' }),
    information_answered: (f) => ({ title: `Information received: ${f.legalName}`, body: `${f.legalName} answered your request for information.`, action: 'Resume the examination.' }),
    decision_to_take: (f) => ({ title: `A grant is proposed: ${f.legalName}`, body: `A grant of AEO-${f.aeoType} status to ${f.legalName} is proposed.`, action: 'Decide (four eyes: not the officer who recorded the visit).' }),
    hearing_answered: (f) => ({ title: `Hearing answered: ${f.legalName}`, body: `${f.legalName} answered the hearing.`, action: 'Decide on the application, taking the answer into account.' }),
    application_appealed: (f) => ({ title: `Appeal lodged: ${f.legalName}`, body: `${f.legalName} appealed the rejection of its application.${because(f.reason, 'Grounds:')}`, action: 'Decide on the appeal.' }),
    application_withdrawn: (f) => ({ title: `Application withdrawn: ${f.legalName}`, body: `${f.legalName} withdrew its application for AEO-${f.aeoType} status.` }),
    suspension_proposed: (f, d) => ({ title: `Suspension proposed: ${f.legalName}`, body: `A critical incident at ${f.legalName} has no accepted measures.${because(groundsIn('en', f, d), 'Grounds:')}`, action: 'Decide whether to suspend the authorisation.' }),
  },
  fr: {
    application_received: (f) => ({ title: `Demande reçue : ${f.legalName}`, body: `Votre demande de statut OEA-${f.aeoType} a été reçue. La douane vérifie d'abord qu'elle est complète.`, action: "Rien à faire pour l'instant : vous serez prévenu s'il manque quelque chose." }),
    application_returned: (f) => ({ title: `Demande renvoyée : ${f.legalName}`, body: `Votre demande de statut OEA-${f.aeoType} est incomplète.${because(f.reason, 'Motif :')}`, action: 'Complétez ce qui manque et déposez la demande à nouveau.' }),
    application_accepted: (f, d) => ({ title: `Demande acceptée : ${f.legalName}`, body: `Votre demande de statut OEA-${f.aeoType} est complète et acceptée pour examen.${f.decisionDue ? ` La décision est attendue au plus tard le ${d(f.decisionDue)}.` : ''}` }),
    information_requested: (f) => ({ title: `Informations demandées : ${f.legalName}`, body: `La douane demande des informations complémentaires sur votre demande.${because(f.reason, 'Demandé :')}`, action: 'Répondez dans la console ; le délai de décision attend votre réponse.' }),
    visit_planned: (f) => ({ title: `Visite de validation prévue : ${f.legalName}`, body: `La douane prévoit une visite de validation de vos locaux.${because(f.reason, 'Détails :')}`, action: 'Veillez à ce que les personnes et documents nécessaires soient disponibles.' }),
    hearing_opened: (f) => ({ title: `Vous avez le droit d'être entendu : ${f.legalName}`, body: `La douane envisage de rejeter votre demande.${because(f.reason, 'Motifs :')}`, action: 'Donnez votre point de vue dans la console avant la date ci-dessous ; la douane décide ensuite.' }),
    application_rejected: (f) => ({ title: `Demande rejetée : ${f.legalName}`, body: `Votre demande de statut OEA-${f.aeoType} a été rejetée.${because(f.reason, 'Motifs :')}`, action: "Vous pouvez former un recours dans la console jusqu'à la date ci-dessous." }),
    appeal_decided: (f) => ({ title: `Recours tranché : ${f.legalName}`, body: f.action === 'uphold_appeal' ? 'Votre recours a été accueilli : votre demande est réexaminée.' : `Votre recours a été rejeté.${because(f.reason, 'Motifs :')}` }),
    decision_extended: (f, d) => ({ title: `Délai de décision prolongé : ${f.legalName}`, body: `La douane a prolongé le délai de décision sur votre demande${f.decisionDue ? ` jusqu'au ${d(f.decisionDue)}` : ''}.${because(f.reason, 'Motif :')}` }),
    deadline_approaching: (f, d) => ({ title: `Échéance proche : ${DEADLINES.fr[s(f.deadline)] ?? f.deadline} (${f.legalName})`, body: `Échéance : ${DEADLINES.fr[s(f.deadline)] ?? f.deadline}, au plus tard le ${d(f.dueDate)}.`, action: f.deadline === 'validity' ? 'Demandez le renouvellement à temps.' : f.side === 'trader' ? 'Agissez dans la console avant la date.' : 'Reprenez le dossier avant la date.' }),
    deadline_missed: (f, d) => ({ title: `Échéance dépassée : ${DEADLINES.fr[s(f.deadline)] ?? f.deadline} (${f.legalName})`, body: `Échéance : ${DEADLINES.fr[s(f.deadline)] ?? f.deadline}, au plus tard le ${d(f.dueDate)}.`, action: 'Reprenez le dossier maintenant.' }),
    authorisation_granted: (f, d) => ({ title: `Statut OEA accordé : ${f.legalName}`, body: `${f.legalName} est un opérateur économique agréé (OEA-${f.aeoType}), certificat ${f.certificateNumber}, valable jusqu'au ${d(f.validTo)}.`, action: 'Téléchargez le certificat depuis la console.' }),
    authorisation_suspended: (f) => ({ title: `Statut OEA suspendu : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est suspendue ; les partenaires ne la reconnaissent plus.${because(f.reason, 'Motifs :')}`, action: 'Corrigez les motifs avant la date fixée par la douane ; vous pouvez être entendu dans la console.' }),
    authorisation_reinstated: (f) => ({ title: `Statut OEA rétabli : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est de nouveau en vigueur.` }),
    authorisation_revoked: (f) => ({ title: `Statut OEA révoqué : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est révoquée.${because(f.reason, 'Motifs :')}` }),
    authorisation_withdrawn: (f) => ({ title: `Statut OEA retiré : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est retirée.${because(f.reason, 'Motif :')}` }),
    authorisation_expired: (f, d) => ({ title: `Statut OEA expiré : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} a pris fin le ${d(f.validTo)}.`, action: 'Déposez une nouvelle demande dans la console pour redevenir OEA.' }),
    authorisation_type_changed: (f) => ({ title: `Type OEA modifié : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est désormais OEA-${f.aeoType}${f.previousType ? ` (auparavant OEA-${f.previousType})` : ''}.`, action: 'Téléchargez le nouveau certificat depuis la console.' }),
    authorisation_renewed: (f, d) => ({ title: `Statut OEA renouvelé : ${f.legalName}`, body: `L'autorisation ${f.certificateNumber} est valable jusqu'au ${d(f.validTo)}.`, action: 'Téléchargez le nouveau certificat depuis la console.' }),
    compliance_blocking: (f, d) => ({ title: `Octroi bloqué : ${f.legalName}`, body: `Le statut OEA ne peut être accordé tant que :${because(reasonsIn('fr', f.blockedBy, f.reasons, f, d), '')}`, action: 'Corrigez cela dans la console (code de conduite, formation, déclarations).' }),
    compliance_warning: (f, d) => ({ title: `Avertissement de conformité : ${f.legalName}`, body: `La douane relève :${because(reasonsIn('fr', f.warnedBy, f.warnings, f, d), '')}`, action: 'Corrigez cela dans la console avant que votre statut ne soit bloqué.' }),
    compliance_restored: (f) => ({ title: `Conformité en ordre : ${f.legalName}`, body: 'Votre code de conduite, vos formations et vos déclarations sont en ordre.' }),
    application_to_check: (f) => ({ title: `Nouvelle demande à vérifier : ${f.legalName}`, body: `${f.legalName} demande le statut OEA-${f.aeoType}.`, action: 'Attribuez-la à un agent pour le contrôle de complétude.' }),
    application_assigned: (f, d) => ({ title: `Demande qui vous est attribuée : ${f.legalName}`, body: `La demande de statut OEA-${f.aeoType} de ${f.legalName} vous a été attribuée (${STAGES.fr[s(f.stage)] ?? f.stage}).${f.decisionDue ? ` Décision attendue au plus tard le ${d(f.decisionDue)}.` : ''}`, action: 'Reprenez le dossier dans la console.' }),
    information_answered: (f) => ({ title: `Informations reçues : ${f.legalName}`, body: `${f.legalName} a répondu à votre demande d'informations.`, action: "Reprenez l'examen." }),
    decision_to_take: (f) => ({ title: `Octroi proposé : ${f.legalName}`, body: `L'octroi du statut OEA-${f.aeoType} à ${f.legalName} est proposé.`, action: "Décidez (quatre yeux : pas l'agent qui a consigné la visite)." }),
    hearing_answered: (f) => ({ title: `Réponse à l'audition : ${f.legalName}`, body: `${f.legalName} a répondu à l'audition.`, action: 'Décidez de la demande en tenant compte de la réponse.' }),
    application_appealed: (f) => ({ title: `Recours formé : ${f.legalName}`, body: `${f.legalName} a formé un recours contre le rejet de sa demande.${because(f.reason, 'Motifs :')}`, action: 'Tranchez le recours.' }),
    application_withdrawn: (f) => ({ title: `Demande retirée : ${f.legalName}`, body: `${f.legalName} a retiré sa demande de statut OEA-${f.aeoType}.` }),
    suspension_proposed: (f, d) => ({ title: `Suspension proposée : ${f.legalName}`, body: `Un incident critique chez ${f.legalName} n'a pas de mesures acceptées.${because(groundsIn('fr', f, d), 'Motifs :')}`, action: "Décidez s'il faut suspendre l'autorisation." }),
  },
};

/** A notice in words, in one language; dates as that language writes them (in UTC, as the registry keeps them). */
/** A date as the language writes it, e.g. 29 November 2029 or 29 novembre 2029 (UTC). */
export function longDate(value: Date | string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(value));
}

export function noticeText(kind: NoticeKind, facts: Facts, language: Language): NoticeText {
  const date = (value: string | string[] | undefined) => {
    const iso = s(value);
    return iso ? longDate(iso, language) : '';
  };
  return TEXTS[language][kind](facts, date);
}

/** "Due by" in each language, for the inbox and the mail. */
export const DUE_LABEL: Record<Language, string> = { en: 'Act by', fr: 'À faire avant le' };
export const OPEN_LABEL: Record<Language, string> = { en: 'Open in the console', fr: 'Ouvrir dans la console' };
