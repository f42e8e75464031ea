/**
 * D1 — A request filed outside its deposit window is refused (« Passé cette date, aucune demande de financement ne
 * sera prise en compte », source 004; vague 2 avance deadlines of HOP-DPI and HOP-PFI, source 001). The windows are
 * data (`depositWindows` in schemas/sons.json: vague, corridors, optional software, kind, `opens`/`closes` in Paris
 * time with their UTC offset, source and the seed's words); a date without an hour (« avant le 30 novembre 2022 »)
 * closes at the end of that day. A file whose window is closed (or not yet open) on the check date (`today`, an
 * engine option) gets one warning at its top: the portal may extend a window (the FAQ speaks of « prolongement »),
 * so it is not an error. A window the sources do not give says nothing; neither does an output JSON (S13).
 */
import { SONS_TABLE, type Rule, type SonsInfo } from '../engine/rule-api';
import { L } from './util';

export interface DepositWindow {
  vague: number;
  corridors: string[];
  software?: string;
  kind: 'avance' | 'solde';
  opens?: string;
  closes: string;
  source: string;
  quote?: string;
}

const DATE_ONLY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})([+-]\d{2}:\d{2})$/;

/**
 * The instant a window bound stands for: a date and hour with its offset as written, or for a date alone the end of
 * that day (`end`) or its start, in Paris time (the offset of a day in winter or summer time, from the EU rule).
 */
export function boundInstant(text: string, end: boolean): Date | undefined {
  const t = DATE_TIME_RE.exec(text);
  if (t) return new Date(`${t[1]}-${t[2]}-${t[3]}T${t[4]}:${t[5]}:00${t[6]}`);
  const d = DATE_ONLY_RE.exec(text);
  if (!d) return undefined;
  const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  // Paris: UTC+2 from the last Sunday of March to the last Sunday of October, UTC+1 otherwise (close enough at
  // midnight, which never falls on the 1 a.m. UTC switch).
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(y, month, 0));
    return last.getUTCDate() - last.getUTCDay();
  };
  const summer = (m > 3 && m < 10) || (m === 3 && day >= lastSunday(3)) || (m === 10 && day < lastSunday(10));
  const offsetHours = summer ? 2 : 1;
  const midnightUtc = Date.UTC(y, m - 1, day + (end ? 1 : 0)) - offsetHours * 3600_000;
  return new Date(midnightUtc);
}

/** The bound as the user reads it: `17/12/2025 à 12h00`, or `30/11/2022`. */
export function boundText(text: string, lang: 'fr' | 'en'): string {
  const t = DATE_TIME_RE.exec(text) ?? DATE_ONLY_RE.exec(text);
  if (!t) return text;
  const date = `${t[3]}/${t[2]}/${t[1]}`;
  if (t[4] === undefined) return date;
  return lang === 'fr' ? `${date} à ${t[4]}h${t[5]}` : `${date} at ${t[4]}:${t[5]} (Paris time)`;
}

/** The window of a SONS and kind, if the sources give one. */
export function depositWindow(sons: SonsInfo | undefined, kind: string | undefined): DepositWindow | undefined {
  if (!sons || (kind !== 'avance' && kind !== 'solde')) return undefined;
  const windows = (SONS_TABLE.depositWindows ?? []) as DepositWindow[];
  return windows.find(
    (w) => w.vague === sons.vague && w.kind === kind && w.corridors.includes(sons.corridor) && (w.software === undefined || w.software === sons.software),
  );
}

const KIND = { avance: L("d'avance", 'advance'), solde: L('de solde', 'balance') };

export const D1: Rule = {
  meta: {
    id: 'D1',
    title: L('Guichet de dépôt ouvert', 'Deposit window open'),
    sources: ['001', '004'],
    severity: 'warning',
    fixable: false,
    stated: L(
      "Les dates limites de dépôt des demandes d'avance vague 2 HOP-DPI et HOP-PFI (001) et des autres guichets que donne la FAQ (004) ; « Passé cette date, aucune demande de financement ne sera prise en compte » (004).",
      'The filing deadlines of the vague 2 HOP-DPI and HOP-PFI advance requests (001) and of the other windows the FAQ gives (004); "After that date, no funding request will be taken into account" (004).',
    ),
    modelled: L(
      "Une date sans heure ferme à la fin du jour (heure de Paris) ; un guichet peut être prolongé par l'ASP : un avertissement, pas une erreur.",
      'A date without an hour closes at the end of the day (Paris time); the ASP may extend a window: a warning, not an error.',
    ),
    messages: {
      closed: L(
        "Guichet fermé : le dépôt des demandes {kindFr} {sons} était possible jusqu'au {closesFr} (source {source}) ; passé cette date, le portail ne prend plus ces demandes en compte, sauf prolongation annoncée par l'ASP.",
        'Window closed: {kindEn} requests for {sons} could be filed until {closesEn} (source {source}); after that date the portal no longer takes them, unless the ASP announced an extension.',
      ),
      notOpen: L(
        'Guichet pas encore ouvert : le dépôt des demandes {kindFr} {sons} ouvre le {opensFr} (source {source}).',
        'Window not open yet: {kindEn} requests for {sons} can be filed from {opensEn} (source {source}).',
      ),
    },
  },
  stage: 'value',
  create(ctx) {
    return {
      end() {
        const kind = ctx.detection.kind;
        const w = depositWindow(ctx.sons, kind);
        if (!w || (kind !== 'avance' && kind !== 'solde')) return;
        const now = ctx.today.getTime();
        const closes = boundInstant(w.closes, true);
        const opens = w.opens ? boundInstant(w.opens, false) : undefined;
        const args = {
          kindFr: KIND[kind].fr,
          kindEn: KIND[kind].en,
          sons: ctx.sons!.id,
          source: w.source,
          closesFr: boundText(w.closes, 'fr'),
          closesEn: boundText(w.closes, 'en'),
          opensFr: w.opens ? boundText(w.opens, 'fr') : '',
          opensEn: w.opens ? boundText(w.opens, 'en') : '',
        };
        // The finding rests on the window's own source (schemas/sons.json), and a closed one on 004's « passé cette date ».
        const provenance = { kind: 'source' as const, sources: [w.source] };
        if (closes && now >= closes.getTime())
          ctx.report({
            messageId: 'closed',
            slug: 'closed',
            args,
            offset: 0,
            length: 1,
            provenance: { kind: 'source', sources: [...new Set([w.source, '004'])] },
          });
        else if (opens && now < opens.getTime()) ctx.report({ messageId: 'notOpen', slug: 'not-open', args, offset: 0, length: 1, provenance });
      },
    };
  },
};
