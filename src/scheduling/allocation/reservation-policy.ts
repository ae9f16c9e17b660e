/**
 * Dynamic reservation of near-term capacity for urgent courses. A routine course may fill a day
 * only up to (1 - reserve) of its open room minutes, where reserve grows with the day's distance
 * from "now": days close at hand are released (reserve 0) so nothing is wasted, days further out
 * keep a share free, so an URGENT or EMERGENCY course arriving later still finds a series of days
 * it can start on soon. URGENT courses keep a smaller share back for EMERGENCY ones.
 * The numbers are tuned with bench/core.ts, not guessed.
 */
import { Urgency } from '../types';

export interface ReserveRamp {
  /** Reserved share of a day's open room minutes once the ramp is full. */
  share: number;
  /** Days closer than this (calendar days from now) are fully released. */
  releaseDays: number;
  /** From this distance on the full share is held back; linear in between. */
  fullDays: number;
}

export interface ReservationPolicy {
  enabled: boolean;
  ROUTINE: ReserveRamp;
  URGENT: ReserveRamp;
}

export const DEFAULT_RESERVATION: ReservationPolicy = {
  enabled: true,
  ROUTINE: { share: 0.25, releaseDays: 3, fullDays: 10 },
  URGENT: { share: 0.08, releaseDays: 1, fullDays: 2 },
};

export const NO_RESERVATION: ReservationPolicy = { ...DEFAULT_RESERVATION, enabled: false };

/** Share of a day kept back from a course of this urgency, `lead` calendar days ahead. */
export function reservedShare(policy: ReservationPolicy, urgency: Urgency, lead: number): number {
  if (!policy.enabled || urgency === 'EMERGENCY') return 0;
  const emergencyShare = rampShare(policy.URGENT, lead);
  // What is held for EMERGENCY courses is held from routine ones too.
  return urgency === 'URGENT' ? emergencyShare : Math.max(emergencyShare, rampShare(policy.ROUTINE, lead));
}

function rampShare(ramp: ReserveRamp, lead: number): number {
  if (lead <= ramp.releaseDays) return 0;
  if (lead >= ramp.fullDays) return ramp.share;
  return (ramp.share * (lead - ramp.releaseDays)) / (ramp.fullDays - ramp.releaseDays);
}
