/**
 * Places a year's quotas may grant in total: annualCapacity x crossBorderShare, rounded down (a
 * share never grants part of a course). The share is stored as numeric(5,4), so it is converted
 * to whole ten-thousandths and the product computed in integers: 100 x 0.29 in floating point is
 * 28.999999999999996, which a plain Math.floor would turn into 28.
 */
export function crossBorderCap(annualCapacity: number, crossBorderShare: number): number {
  const tenThousandths = Math.round(crossBorderShare * 10_000);
  return Math.floor((annualCapacity * tenThousandths) / 10_000);
}
