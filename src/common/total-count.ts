import type { Response } from 'express';

export const TOTAL_COUNT_HEADER = 'X-Total-Count';

/**
 * How many items match a paged list, in a header so the body stays the array old clients read.
 * A cross-origin console may read it only if CORS exposes it; when the CORS middleware answered
 * this request (an allowed origin), the header is added to the ones it exposes.
 */
export function setTotalCount(res: Response, total: number): void {
  res.setHeader(TOTAL_COUNT_HEADER, String(total));
  const exposed = res.getHeader('Access-Control-Expose-Headers');
  if (typeof exposed === 'string' && !exposed.split(',').some((h) => h.trim().toLowerCase() === TOTAL_COUNT_HEADER.toLowerCase())) {
    res.setHeader('Access-Control-Expose-Headers', `${exposed},${TOTAL_COUNT_HEADER}`);
  }
}
