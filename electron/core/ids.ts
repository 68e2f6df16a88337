import { v7 } from 'uuid';

/** A new row id: UUIDv7, time-ordered so indexes stay compact, born wherever the row is. */
export function newId(): string {
  return v7();
}
