import type { Translation } from '../catalogue';
import type { enums as en } from '../en/enums';

export const enums: Translation<typeof en> = {
  role: { ADMIN: 'Administrator/in', MANAGER: 'Leitung', CASHIER: 'Kassierer/in', USHER: 'Einlasskraft' },
  roleInSentence: { ADMIN: 'Administrator/in', MANAGER: 'Leitung', CASHIER: 'Kassierer/in', USHER: 'Einlasskraft' },
  hallType: { STANDARD: 'Standard', VIP: 'VIP', IMAX: 'IMAX', '4DX': '4DX' },
  seatKind: { STANDARD: 'Normaler Platz', VIP: 'VIP-Sessel', LOVESEAT: 'Loveseat', WHEELCHAIR: 'Rollstuhlplatz', COMPANION: 'Begleitplatz' },
  ticketType: { ADULT: 'Erwachsene', CHILD: 'Kind', STUDENT: 'Ermäßigt (Schüler/Student)', SENIOR: 'Senioren' },
  ticketStatus: { SOLD: 'Gültig', REFUNDED: 'Erstattet', EXCHANGED: 'Umgetauscht' },
  orderStatus: { OPEN: 'Offen', PAID: 'Bezahlt', CANCELLED: 'Storniert', PARTIALLY_REFUNDED: 'Teilweise erstattet', REFUNDED: 'Erstattet' },
  paymentMethod: { CASH: 'Bar', CARD: 'Karte', BONUS: 'Bonuspunkte', VOUCHER: 'Gutschein' },
  refundReason: {
    CUSTOMER_CHANGED_MIND: 'Kunde hat es sich anders überlegt',
    WRONG_SALE: 'Irrtümlich verkauft',
    SESSION_CANCELLED: 'Vorstellung abgesagt',
    TECHNICAL_PROBLEM: 'Technische Störung im Saal',
    COMPLAINT: 'Beschwerde',
    OTHER: 'Sonstiges',
    EXCHANGE: 'Umtausch',
  },
  sessionStatus: { SCHEDULED: 'Geplant', ON_SALE: 'Im Verkauf', CANCELLED: 'Abgesagt', CLOSED: 'Geschlossen' },
  scanResult: {
    VALID: 'Gültig',
    ALREADY_USED: 'Bereits benutzt',
    REFUNDED: 'Erstattet',
    WRONG_SESSION: 'Falsche Vorstellung',
    TOO_EARLY: 'Zu früh',
    TOO_LATE: 'Zu spät',
    FORGED: 'Kein Ticket von uns',
  },
  contractStatus: { DRAFT: 'Entwurf', ACTIVE: 'Aktiv', CLOSED: 'Abgeschlossen' },
  dealType: { PERCENTAGE: 'Prozent pro Woche', NINETY_TEN: '90/10 mit Hauskosten' },
  promocodeKind: { PERCENT: 'Prozent Rabatt', FIXED: 'Betrag Rabatt' },
  promocodeScope: { TICKETS: 'Tickets', CONCESSIONS: 'Snacks und Getränke', ALL: 'Tickets, Snacks und Getränke' },
};
