import type { Translation } from '../catalogue';
import type { refusals as en } from '../en/refusals';

export const refusals: Translation<typeof en> = {
  api: {
    unknownOperation: 'Es gibt keinen Vorgang namens „{{name}}“.',
    signInAgain: 'Bitte erneut anmelden: Ihre Sitzung ist abgelaufen.',
    notForRole: 'Als {{role}} dürfen Sie das nicht ({{operation}}). Fragen Sie die Leitung.',
    internal: 'In der Kasse ist ein Fehler aufgetreten; es wurde nichts geändert (Ref. {{ref}}).',
    duplicate: 'Das gäbe es dann doppelt; es wurde nichts geändert.',
    missingOrInUse: 'Das bezieht sich auf etwas, das es nicht gibt oder das noch verwendet wird; es wurde nichts geändert.',
    invalidChange: 'Die Datenbank hat diese Änderung als ungültig abgelehnt; es wurde nichts geändert.',
  },
  storage: {
    busy: 'Die Datenbank ist gerade belegt — eine andere Aufgabe schreibt. Nichts wurde gespeichert; bitte gleich noch einmal versuchen.',
  },
};
