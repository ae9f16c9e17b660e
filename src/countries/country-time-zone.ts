/**
 * The civil time zone a ministry's officials live in, by country (ISO 3166-1 alpha-2). Single-zone
 * countries of the region the center serves; a country not listed reads times in the center's zone.
 * Bishkek is +06:00 while the center (Astana) is +05:00: a ministry must see its children's
 * appointments in its own hours.
 */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  KZ: 'Asia/Almaty',
  KG: 'Asia/Bishkek',
  UZ: 'Asia/Tashkent',
  TJ: 'Asia/Dushanbe',
  TM: 'Asia/Ashgabat',
  AZ: 'Asia/Baku',
  AM: 'Asia/Yerevan',
  GE: 'Asia/Tbilisi',
  MN: 'Asia/Ulaanbaatar',
  AF: 'Asia/Kabul',
  BY: 'Europe/Minsk',
};

export function countryTimeZone(countryCode: string, fallback: string): string {
  return COUNTRY_TIME_ZONES[countryCode.toUpperCase()] ?? fallback;
}
