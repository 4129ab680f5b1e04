/**
 * The model's reservations: holds, settling one for the measured amount, releasing, and lapsing
 * holds past their expiry.
 */
import { iso, type Obs, type ReserveObs } from '../observed';
import { AccountModel } from './account';
import { MINUTE, ModelError, type ChargeIn } from './types';

export class ReservingModel extends AccountModel {
  // ------------------------------------------------------------ reservations

  reserve(r: { key: string; millicredits: number; memberId?: string | null; expiresAt?: number }, now: number): Obs {
    return this.tx(now, (): ReserveObs => {
      this.checkAmount(r.millicredits);
      const same = this.s.reservations.find((x) => x.key === r.key);
      if (same) {
        if (same.mc !== r.millicredits) throw new ModelError('key-conflict');
        return { status: 'duplicate', millicredits: same.mc };
      }
      this.checkMember(r.memberId);
      const refused = this.refusal(r.millicredits, now, r.memberId ?? null, null);
      if (refused) return refused as ReserveObs;
      this.checkTotal(this.reserved() + r.millicredits);
      const expiresAt = r.expiresAt ?? now + 15 * MINUTE;
      this.s.reservations.push({ id: `r${this.s.nextId++}`, key: r.key, mc: r.millicredits, memberId: r.memberId ?? null, state: 'held', expiresAt });
      return { status: 'reserved', millicredits: r.millicredits, available: this.totalAvailable(now), expiresAt: iso(expiresAt) };
    });
  }

  settle(reservationKey: string, c: ChargeIn, now: number): Obs {
    return this.tx(now, () => {
      const r = this.s.reservations.find((x) => x.key === reservationKey);
      if (!r) throw new ModelError('unknown-reservation');
      this.validateCharge(c);
      const existing = this.s.entries.find((e) => e.key === c.key);
      if (!existing && r.state !== 'held') throw new ModelError(`reservation-${r.state}`);
      // A settlement is the hold's member's usage unless it names another.
      const charge = { ...c, memberId: c.memberId ?? r.memberId };
      if (existing) return this.chargeOne(charge, now, 'settlement', r.id);
      // The hold is freed and the measured amount charged in its place.
      r.state = 'settled';
      const outcome = this.chargeOne(charge, now, 'settlement', r.id);
      if (outcome.status !== 'recorded') r.state = 'held';
      return outcome;
    });
  }

  release(reservationKey: string, now: number): Obs {
    return this.tx(now, () => {
      const r = this.s.reservations.find((x) => x.key === reservationKey);
      if (!r) throw new ModelError('unknown-reservation');
      if (r.state !== 'held') throw new ModelError(`reservation-${r.state}`);
      r.state = 'released';
      return { state: 'released' };
    });
  }

  /** Lapses held reservations past their expiry; no other part of touching. */
  expireReservations(now: number): number {
    let n = 0;
    for (const r of this.s.reservations) {
      if (r.state === 'held' && r.expiresAt <= now) {
        r.state = 'expired';
        n++;
      }
    }
    return n;
  }
}
