import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Clock } from '../clock';
import { newId } from '../ids';

/** A shift is at most 12 hours; a token outliving it would be a key left in the till. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Verified tokens remembered at most (a terminal has a handful of live sessions). */
const VERIFIED_TOKENS_KEPT = 1000;

export interface SessionClaims {
  sessionId: string;
  userId: string;
}

/**
 * Signed session tokens (JWT, HS256) plus the list of live sessions, so that logout,
 * deactivation and password resets end a session at once. The secret is born with the process:
 * a restart signs everyone out, which is what a cashier expects after the app was closed.
 */
export class SessionStore {
  private readonly secret = randomBytes(32);
  private readonly live = new Map<string, { userId: string; expiresAt: number }>();
  /**
   * Tokens whose signature already checked out (every call carries the token; checking the HMAC
   * again each time is wasted work). Only genuine tokens get here; expiry and the live-session
   * list are still checked on every call, so logout and deactivation end a session at once.
   */
  private readonly verified = new Map<string, { sessionId: string; userId: string; expiresAtSeconds: number }>();

  constructor(private readonly clock: Clock) {}

  async issue(userId: string): Promise<{ token: string; expiresAt: string }> {
    const sessionId = newId();
    const now = this.clock.now().getTime();
    const expiresAt = now + SESSION_TTL_MS;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setJti(sessionId)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(this.secret);
    this.live.set(sessionId, { userId, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The session a token stands for, or null when it is forged, expired or ended. */
  async verify(token: string): Promise<SessionClaims | null> {
    const nowMs = this.clock.now().getTime();
    let claims = this.verified.get(token);
    if (claims && claims.expiresAtSeconds <= Math.floor(nowMs / 1000)) {
      this.verified.delete(token);
      return null;
    }
    if (!claims) {
      try {
        const { payload } = await jwtVerify(token, this.secret, {
          algorithms: ['HS256'],
          currentDate: this.clock.now(),
        });
        if (!payload.jti || !payload.sub || typeof payload.exp !== 'number') return null;
        claims = { sessionId: payload.jti, userId: payload.sub, expiresAtSeconds: payload.exp };
      } catch {
        return null;
      }
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, claims);
    }
    const session = this.live.get(claims.sessionId);
    if (!session || session.userId !== claims.userId) return null;
    if (session.expiresAt <= nowMs) {
      this.live.delete(claims.sessionId);
      return null;
    }
    return { sessionId: claims.sessionId, userId: session.userId };
  }

  end(sessionId: string): void {
    this.live.delete(sessionId);
  }

  endAllOf(userId: string): void {
    for (const [id, s] of this.live) if (s.userId === userId) this.live.delete(id);
  }
}
