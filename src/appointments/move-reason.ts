/** Why a fraction moved, as a code the console can translate and filter on. */
export const MOVE_REASON_KINDS = ['DOWNTIME', 'EARLY_START', 'MISSED', 'OPENED_DAY', 'EMERGENCY', 'SHIFT', 'REBOOKED', 'MANUAL', 'OTHER'] as const;
export type MoveReasonKind = (typeof MOVE_REASON_KINDS)[number];

/**
 * The history keeps the reason as the text its writer gave (the core's rescheduling messages, or a
 * coordinator's words), so the kind is read from those texts; anything a person moved that no
 * pattern names is MANUAL.
 */
const PATTERNS: Array<[RegExp, MoveReasonKind]> = [
  [/^Downtime of |\bdowntime\b/i, 'DOWNTIME'],
  [/^Started earlier/, 'EARLY_START'],
  [/^Center opened /, 'OPENED_DAY'],
  [/^Moved so that EMERGENCY course/, 'EMERGENCY'],
  // Bounded shifts (scheduling core, shift-limits.ts SHIFT_REASON_PREFIX): same day, within the window.
  [/^Shifted /, 'SHIFT'],
  [/\bwas missed\b|\bmissed\b.*given again/i, 'MISSED'],
  [/\bbooked again\b|\bwas not given\b/i, 'REBOOKED'],
];

export function moveReasonKind(reason: string, movedBy: string): MoveReasonKind {
  for (const [pattern, kind] of PATTERNS) if (pattern.test(reason)) return kind;
  return movedBy === 'system' ? 'OTHER' : 'MANUAL';
}
