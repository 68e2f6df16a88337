import { z } from 'zod';
import type { ScanResult, SeatKind, TicketType } from '../enums';
import { operation } from './operation';
import { DOOR } from './roles';
import { id, text } from './fields';

/** A session as the usher reads it in an answer: film, hall, start. */
export interface DoorSessionRef {
  id: string;
  filmTitle: string;
  hallName: string;
  startsAt: string;
  endsAt: string;
}

/** The seat a scanned ticket is for (when this terminal knows the ticket or its session). */
export interface ScannedTicket {
  id: string;
  rowLabel: string | null;
  seatNumber: number | null;
  seatKind: SeatKind | null;
  ticketType: TicketType | null;
  /** False when the ticket row has not reached this terminal yet: admitted on its signed code alone. */
  known: boolean;
}

/**
 * The door's answer to one scan (rule 9). `admit` is true only for VALID: the usher lets the guest in.
 * `message` is the reason in the usher's words; the screen shows it as it is.
 */
export interface ScanAnswer {
  result: ScanResult;
  admit: boolean;
  message: string;
  scannedAt: string;
  ticket: ScannedTicket | null;
  /** ALREADY_USED: when and where the ticket was first let in. */
  firstUse: { at: string; terminalName: string; userName: string } | null;
  /** WRONG_SESSION: the session the ticket is really for, when known here. */
  rightSession: DoorSessionRef | null;
  /** Guests let in for the chosen session so far, this one included. */
  admitted: number;
}

export interface DoorScanLine {
  id: string;
  result: ScanResult;
  scannedAt: string;
  seat: string | null;
  userName: string;
}

export interface DoorSessionState {
  session: DoorSessionRef;
  admitted: number;
  sold: number;
  /** Doors open this many minutes before the start. */
  doorsOpenMinutes: number;
  /** The latest scans for this session at any door, newest first. */
  recent: DoorScanLine[];
}

/** A scanned code: anything the scanner typed, within reason (a real one is 182 characters). */
const scannedCode = text().min(1).max(2000, { message: 'schema:predicate.tooLongForTicketCode' });

export const doorOperations = {
  'tickets.scan': operation<ScanAnswer>()({
    input: z.object({ sessionId: id, code: scannedCode }).strict(),
    access: DOOR,
    summary: 'Checks a scanned ticket at the door of the chosen session: valid (and marks it used), already used, refunded, wrong session, too early/late, or forged.',
  }),
  'door.session': operation<DoorSessionState>()({
    input: z.object({ sessionId: id }).strict(),
    access: DOOR,
    summary: 'How many guests have been let in for a session, tickets sold, and the latest scans at its door.',
  }),
};
