/**
 * The contract's own words about a field (shared/contract/*.ts writes these keys as its zod
 * messages; shared/contract/refusal-words.ts puts them into sentences). Generic limits ("must be
 * at most 40 characters", "must not be negative") are said by refusals:field.* instead.
 */
export const schema = {
  /** Said after the field's label: "Business day starts at must be a time like 06:00." */
  predicate: {
    // Any text field
    controlCharacters: 'must not contain invisible control characters (such as NUL, a tab or a line break)',
    pictographs: 'must not contain emoji or pictographs',
    // Formats
    id: 'must be a valid id',
    dateTime: 'must be a date and time like 2026-11-25T19:30:00Z',
    date: 'must be a date like 2026-11-25',
    time: 'must be a time like 06:00',
    priceTime: 'must be a time like 17:00',
    before24: 'must be before 24:00',
    timezone: 'must be an IANA time zone such as Europe/Berlin',
    currency: 'must be a three-letter ISO 4217 code such as EUR',
    email: 'must be an e-mail address',
    emailLike: 'must be an e-mail address like booking@example.com',
    username: 'may use letters, digits, dot, dash and underscore only',
    letterAndDigit: 'must contain at least one letter and one digit',
    pinDigits: 'must be 4 to 8 digits',
    // Legal and banking fields (issue 16.4)
    iban: 'must be an IBAN like DE02 1203 0000 0000 2020 51',
    ibanLength: 'must have {{length}} characters for an IBAN from {{country}} (this one has {{actual}})',
    ibanCheckDigits: 'has wrong check digits: a digit is mistyped or two are swapped',
    bic: 'must be a BIC of 8 or 11 characters like COBADEFFXXX',
    vatIdLike: 'must be a VAT id like {{example}} for {{country}}',
    vatIdOfCountry: 'must be a VAT id for {{country}}: {{country}} and its number',
    vatId: 'must be a VAT id: a country code and up to 13 letters and digits',
    taxId: 'must be a VAT id like DE123456789 or a tax number like 21/815/08150',
    ageRating: 'must be one of {{choices}}',
    // Catalogue
    // Counter and orders
    promocodeCharacters: 'may use letters, digits, - and _ only',
    neededForTickets: 'is needed for ticket lines',
    needsConcessions: 'needs concession lines to prepare',
    atLeastCashPart: 'must be at least the cash part',
    approvalCode: 'must be the 4–12 letters or digits the card terminal printed',
    refundApprovalCode: 'must be the 4–12 letters or digits the card terminal printed for the refund',
    last4: 'must be exactly 4 digits',
    refundSlip: 'is not a refund slip number',
    phone: 'must be a phone number of digits, spaces and + ( ) - /',
    phoneDigits: 'must have at least 6 digits',
    cardNumber: 'must be 4–24 letters or digits',
    oneOrMore: 'must be 1 or more',
    // Concessions
    pickupCodeLength_one: 'must be {{count}} character',
    pickupCodeLength_other: 'must be {{count}} characters',
    lettersAndDigits: 'may hold letters and digits only',
    addOrRemove: 'must add or remove at least one piece',
    // Door
    tooLongForTicketCode: 'is far too long to be a ticket code',
    // Prices, contracts, promocodes, reports
    promocode: 'may use letters, digits, dash and underscore only (no spaces)',
    notBeforeFirstDay: 'must not be before the first day ({{from}})',
    endsAfterStart: 'must end on or after the day it starts',
    atMostThreeYears: 'may cover at most three years',
    // Printers
    printerName: 'is not a printer name',
    cupsName: 'is not a CUPS printer name',
    onlyCupsOrSystem: 'is only for a CUPS or system printer',
    onlyFolder: 'is only for a PDF folder',
    onlyEscpos: 'is only for an ESC/POS printer',
    // Backups and sync
    notABackup: 'is not a backup of this terminal',
    postgresAddress: 'must look like postgres://host:5432/database (no user or password in it)',
    centralAddress: 'must look like host:5432/database or postgres://host:5432/database (no user or password in it)',
    enrolmentMistyped: 'has a mistyped character: check it against the code you were given',
    enrolmentLength: 'has 11 letters and digits, like ABCD-EFGH-JKM',
    enrolmentLetters: 'uses letters and digits only (no U), like ABCD-EFGH-JKM',
  },
  /** A sentence of its own after the field's label and a colon: "Weekdays: choose at least one weekday." */
  statement: {
    ratingMeans: 'means {{minAge}} years, not {{age}}',
    atMostRatings: 'at most 30 ratings',
    chooseSeat: 'choose at least one seat',
    atLeastOneSeat: 'at least 1 seat',
    customerName: 'type the customer’s name',
    phoneNumber: 'type a phone number (digits, spaces, + - / ( ))',
    searchLetters: 'type at least 2 letters or digits',
    searchCustomer: 'type at least 3 characters of a phone or card number',
    pickupCodeLetters: 'pickup codes never contain 0, O, 1, I or L — check the receipt again',
    emptyOrder: 'the order is empty: add a ticket or a concession item',
    needsLoyaltyCustomer: 'need a loyalty customer on the order',
    bothEnds: 'give both ends of the range',
    datesOrZReports: 'choose either a date range or a range of Z reports',
    chooseWeekday: 'choose at least one weekday',
    chooseTicket: 'choose at least one ticket',
    choosePrinter: 'choose a printer',
    printerAddress: 'type the printer address, e.g. 192.168.1.50:9100',
    receiptPaper: 'ticket stock is for the ticket printer; receipts need a roll or A4',
    percentAtMost100: 'a percentage must be at most 100 %',
    concessionsNotFilms: 'a code for concessions only cannot be limited to films',
    chooseRefundLines: 'choose the tickets or items to refund, or the whole order',
    wholeOrLines: 'either the whole order or chosen lines, not both',
    chooseSession: 'choose at least one session',
    newStartOrHall: 'give a new start, a new hall or both',
    chooseDays: 'choose at least one day to copy to',
    takeMoney: 'take the money: cash or card',
    noRepeatedGenre: 'a genre is listed twice',
    filmTwice: 'a film is listed twice',
    atMostFilms_one: 'at most {{count}} film',
    atMostFilms_other: 'at most {{count}} films',
    weekdays: 'not a choice of weekdays',
    includesWeekOne: 'include at least week 1',
    atMostWeeks_one: 'at most {{count}} week',
    atMostWeeks_other: 'at most {{count}} weeks',
    atLeastOneOrEmpty: 'at least 1, or leave it empty for no limit',
  },
  /** Choices no other catalogue has words for, by the values the schema allows. */
  printDocuments: { TICKETS: 'Tickets', RECEIPT: 'Receipt', ALL: 'Tickets and receipt' },
  conflictAction: { RESEAT: 'Re-seat', REFUND: 'Refund', ACKNOWLEDGE: 'Mark as dealt with' },
  language: { en: 'English', de: 'Deutsch' },
  /** A refunded concession item goes back in stock or is thrown away. */
  itemDisposition: { STOCK: 'Back in stock', WASTE: 'Waste' },
  /** A choice's word that no group of enum words has ("ANY" seat kind of a price cell). */
  choice: { ANY: 'Any seat kind' },
};
