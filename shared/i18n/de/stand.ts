import type { Translation } from '../catalogue';
import type { stand as en } from '../en/stand';

export const stand: Translation<typeof en> = {
  title: 'Snackstand',
  subtitle: 'An der Kasse bezahlte Vorbestellungen: packen, Code aufrufen, übergeben.',
  ready: '{{code}} ist fertig — bitte aufrufen.',
  handedOver: '{{code}} übergeben. Viel Spaß im Film!',
  codeProblem: 'Abholcode: {{problem}}.',
  lookup: {
    title: 'Abholcode',
    form: 'Vorbestellung über den Abholcode suchen',
    label: 'Abholcode vom Beleg',
    find: 'Suchen',
    hint: '6 Zeichen vom Beleg. Codes enthalten nie 0, O, 1, I oder L.',
    example: 'K7MX2Q',
  },
  queue: {
    waiting: 'Wartend <span>({{count}})</span>',
    summary: '{{toPack}} zu packen · {{ready}} fertig',
    failed: 'Die Warteschlange konnte nicht geladen werden',
    loading: 'Warteschlange wird geladen …',
    empty: 'Nichts wartet',
    emptyHint: 'An der Kasse verkaufte Vorbestellungen erscheinen hier sofort.',
  },
  status: { PENDING: 'Zu packen', READY: 'Fertig', PICKED_UP: 'Abgeholt', CANCELLED: 'Storniert' },
  step: { READY: 'Als fertig melden', PICKED_UP: 'Übergeben' },
  card: {
    label: 'Vorbestellung {{code}}, {{status}}',
    code: 'Abholcode {{code}}',
    lookedUp: 'Gesucht',
    noItems: 'Keine Artikel mehr (erstattet)',
    noSession: 'Ohne Vorstellung — jederzeit abholbar',
    order: ' · Bestellung {{number}}',
    stepFor: '{{step}}: {{code}}',
    handedOverAt: 'Übergeben um <time />',
  },
};
